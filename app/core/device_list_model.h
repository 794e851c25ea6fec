// device_list_model.h — the rows of the Settings page's backend/device picker: Automatic, CPU, then every CUDA
// and Vulkan device the engine lists (rwkv/devices.h: list_all_devices), each with whether it can be used and, if
// not, why; GPU backends not compiled into this build appear as one unavailable row that says so.
// Tested in tests/app/test_app_settings.cpp.
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>

#include <string>
#include <vector>

#include "rwkv/devices.h"

namespace rwkv::app {

class DeviceListModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    /// True once refresh() (or setDevices) ran: listing GPUs initialises their drivers, so it waits for the page.
    Q_PROPERTY(bool listed READ listed NOTIFY countChanged)
public:
    enum Roles {
        BackendRole = Qt::UserRole + 1,  ///< QString: the LoadOptions::backend string ("auto", "cpu", "cuda:0")
        LabelRole,                       ///< QString: "NVIDIA H200 (CUDA 0)"
        DetailRole,                      ///< QString: memory, type, or why it is unavailable
        AvailableRole,                   ///< bool: can be chosen
        /// bool: a GPU backend this build was made without: nothing is wrong here (drawn neutral, not as a problem)
        NotBuiltRole,
    };

    explicit DeviceListModel(QObject* parent = nullptr);

    /// Lists the devices now (rwkv::list_all_devices; may take a moment while drivers start).
    Q_INVOKABLE void refresh();
    /// Replaces the rows from a device list (refresh() and tests). `compiled` is rwkv::compiled_backends().
    void setDevices(const std::vector<DeviceInfo>& devices, const std::vector<std::string>& compiled, int cpuThreads);
    /// Makes the rows' texts again in the language now installed (a language switch while the app runs: "Automatic",
    /// "N hardware threads", "Unavailable: …" were left in the old language until a restart, session 22's trial, F6).
    /// Same rows, same order; listed() unchanged.
    void retranslate();
    /// Row of a backend string, or -1.
    Q_INVOKABLE int indexOf(const QString& backend) const;
    Q_INVOKABLE QString backendAt(int row) const;
    bool listed() const { return listed_; }
    /// The devices of the last refresh() / setDevices (empty before).
    const std::vector<DeviceInfo>& devices() const { return devices_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void countChanged();

private:
    struct Row {
        QString backend, label, detail;
        bool available = true;
        bool notBuilt = false;
    };
    /// The rows for the inputs of setDevices, in the language installed now.
    QList<Row> makeRows() const;

    QList<Row> rows_;
    bool listed_ = false;
    std::vector<DeviceInfo> devices_;  // setDevices' inputs, kept for retranslate()
    std::vector<std::string> compiled_;
    int cpuThreads_ = 1;
};

/// "16.0 GiB" style sizes for device memory.
QString formatBytes(quint64 bytes);

}  // namespace rwkv::app
