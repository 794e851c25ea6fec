// about_info.cpp — see about_info.h.
#include "about_info.h"

#include <QCoreApplication>

#include "rwkv/devices.h"

namespace rwkv::gui {

AboutInfo::AboutInfo(QString resourceDir, QObject* parent) : QObject(parent), resourceDir_(std::move(resourceDir)) {}

QString AboutInfo::version() const { return QCoreApplication::applicationVersion(); }

QStringList AboutInfo::backends() const {
    QStringList out;
    for (const std::string& b : rwkv::compiled_backends()) {
        if (b == "cpu") out << QStringLiteral("CPU");
        else if (b == "cuda") out << QStringLiteral("CUDA");
        else if (b == "vulkan") out << QStringLiteral("Vulkan");
        else out << QString::fromStdString(b);
    }
    return out;
}

QString AboutInfo::qtVersion() const { return QString::fromLatin1(qVersion()); }

QString AboutInfo::qtBuildVersion() const { return QStringLiteral(QT_VERSION_STR); }

}  // namespace rwkv::gui
