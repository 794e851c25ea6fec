// about_info.h — the facts the About dialog shows: app version, the engine backends compiled in, the Qt version
// (built against and running), and where settings and data live. Exposed to QML as the AboutInfo singleton.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

namespace rwkv::gui {

class AboutInfo : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString version READ version CONSTANT)
    /// "CPU", "CUDA", "Vulkan": the engine backends of this build (rwkv::compiled_backends).
    Q_PROPERTY(QStringList backends READ backends CONSTANT)
    /// "6.4.2" at run time; qtBuildVersion is the version the app was compiled against.
    Q_PROPERTY(QString qtVersion READ qtVersion CONSTANT)
    Q_PROPERTY(QString qtBuildVersion READ qtBuildVersion CONSTANT)
    Q_PROPERTY(QString resourceDir READ resourceDir CONSTANT)
public:
    explicit AboutInfo(QString resourceDir, QObject* parent = nullptr);

    QString version() const;
    QStringList backends() const;
    QString qtVersion() const;
    QString qtBuildVersion() const;
    QString resourceDir() const { return resourceDir_; }

private:
    QString resourceDir_;
};

}  // namespace rwkv::gui
