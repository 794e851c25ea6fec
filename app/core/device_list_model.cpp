// device_list_model.cpp — see device_list_model.h.
#include "device_list_model.h"

#include <QCoreApplication>
#include <QLocale>
#include <QThread>

#include <algorithm>

namespace rwkv::app {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString typeLabel(const std::string& type) {
    if (type == "discrete") return DeviceListModel::tr("discrete GPU");
    if (type == "integrated") return DeviceListModel::tr("integrated GPU");
    if (type == "virtual") return DeviceListModel::tr("virtual GPU");
    // Replies there took ~50 times as long as on the CPU row (session 33's trial); "auto" never picks it.
    if (type == "cpu") return DeviceListModel::tr("software renderer on the CPU: much slower than the CPU row above");
    return {};
}

}  // namespace

QString formatBytes(quint64 bytes) {
    return QLocale().formattedDataSize(qint64(bytes), 1, QLocale::DataSizeIecFormat);
}

DeviceListModel::DeviceListModel(QObject* parent) : QAbstractListModel(parent) {
    setDevices({}, {"cpu", "cuda", "vulkan"}, QThread::idealThreadCount());  // Automatic and CPU until refresh()
    listed_ = false;
}

void DeviceListModel::refresh() {
    const std::vector<DeviceInfo> devices = list_all_devices();
    for (const DeviceInfo& d : devices)  // the API's own words, for a bug report (the rows say it in a sentence)
        if (!d.usable && d.problem != DeviceProblem::Other)
            qInfo("%s unavailable: %s", d.backend.c_str(), d.unavailable_reason.c_str());
    setDevices(devices, compiled_backends(), QThread::idealThreadCount());
}

void DeviceListModel::setDevices(const std::vector<DeviceInfo>& devices, const std::vector<std::string>& compiled,
                                 int cpuThreads) {
    devices_ = devices;
    compiled_ = compiled;
    cpuThreads_ = cpuThreads;
    const QList<Row> rows = makeRows();
    beginResetModel();
    rows_ = rows;
    listed_ = true;
    endResetModel();
    emit countChanged();  // also announces `listed`
}

void DeviceListModel::retranslate() {
    const QList<Row> rows = makeRows();
    if (rows.size() != rows_.size()) return;  // cannot happen: the same inputs make the same rows
    rows_ = rows;
    if (!rows_.isEmpty()) emit dataChanged(index(0), index(int(rows_.size()) - 1), {LabelRole, DetailRole});
}

QList<DeviceListModel::Row> DeviceListModel::makeRows() const {
    const std::vector<std::string>& compiled = compiled_;
    QList<Row> rows;
    rows << Row{QStringLiteral("auto"), tr("Automatic"),
                tr("The first CUDA GPU if the model fits there, else a discrete Vulkan GPU that fits, otherwise the CPU"), true};
    rows << Row{QStringLiteral("cpu"), QStringLiteral("CPU"), tr("%1 hardware threads").arg(std::max(1, cpuThreads_)), true};
    for (const DeviceInfo& d : devices_) {
        const QString backend = q(d.backend);
        const bool cuda = backend.startsWith(QLatin1String("cuda"));
        const qsizetype colon = backend.indexOf(u':');
        const QString api = cuda ? QStringLiteral("CUDA") : QStringLiteral("Vulkan");
        Row r;
        r.backend = backend;
        r.available = d.usable && colon > 0;
        r.label = colon > 0 ? QStringLiteral("%1 · %2 %3").arg(q(d.name), api, backend.mid(colon + 1)) : api;
        QStringList detail;
        if (!d.usable) {
            // CUDA's own words ("CUDA driver version is insufficient for CUDA runtime version" where no driver is
            // installed) were the row's whole text (session 22's trial, F7): a sentence here, the words in the log.
            switch (d.problem) {
            case DeviceProblem::NoDriver: detail << tr("Unavailable: no NVIDIA GPU driver found. Use the CPU or Vulkan."); break;
            case DeviceProblem::OldDriver:
                detail << tr("Unavailable: the NVIDIA GPU driver is older than this build needs. Update it, or use the CPU or Vulkan.");
                break;
            case DeviceProblem::NoDevice: detail << tr("Unavailable: no NVIDIA GPU found. Use the CPU or Vulkan."); break;
            default: detail << tr("Unavailable: %1").arg(q(d.unavailable_reason));
            }
        } else {
            if (d.total_bytes > 0) detail << tr("%1 memory").arg(formatBytes(d.total_bytes));
            if (cuda && d.compute_major > 0) detail << tr("compute capability %1.%2").arg(d.compute_major).arg(d.compute_minor);
            const QString type = typeLabel(d.device_type);
            if (!type.isEmpty()) detail << type;
        }
        r.detail = detail.join(QStringLiteral(" · "));
        rows << r;
    }
    for (const char* gpu : {"cuda", "vulkan"}) {
        if (std::find(compiled.begin(), compiled.end(), gpu) != compiled.end()) continue;
        const QString api = QLatin1String(gpu) == QLatin1String("cuda") ? QStringLiteral("CUDA") : QStringLiteral("Vulkan");
        rows << Row{QString::fromLatin1(gpu), api, tr("Unavailable: this build of RWKV Desktop has no %1 backend").arg(api),
                    false, true};
    }
    return rows;
}

int DeviceListModel::indexOf(const QString& backend) const {
    for (qsizetype i = 0; i < rows_.size(); ++i)
        if (rows_[i].backend == backend) return int(i);
    return -1;
}

QString DeviceListModel::backendAt(int row) const { return row >= 0 && row < rows_.size() ? rows_[row].backend : QString(); }

int DeviceListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant DeviceListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& r = rows_.at(index.row());
    switch (role) {
    case BackendRole: return r.backend;
    case Qt::DisplayRole:
    case LabelRole: return r.label;
    case DetailRole: return r.detail;
    case AvailableRole: return r.available;
    case NotBuiltRole: return r.notBuilt;
    default: return {};
    }
}

QHash<int, QByteArray> DeviceListModel::roleNames() const {
    return {{BackendRole, "backend"}, {LabelRole, "label"}, {DetailRole, "detail"}, {AvailableRole, "available"},
            {NotBuiltRole, "notBuilt"}};
}

}  // namespace rwkv::app
