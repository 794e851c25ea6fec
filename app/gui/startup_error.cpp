// startup_error.cpp — see startup_error.h. Plain Qt Quick Controls, no dependency on the app's QML module
// (which needs the controllers that could not be built).
#include "startup_error.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQmlPropertyMap>
#include <QQuickWindow>
#include <QTextStream>
#include <QTimer>

namespace rwkv::gui {
namespace {

constexpr char kQml[] = R"QML(
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
ApplicationWindow {
    visible: true
    width: 640; height: 320
    title: startupTitle
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12
        Label { text: startupHeadline; font.pixelSize: 18; font.bold: true; wrapMode: Text.Wrap; Layout.fillWidth: true }
        Label { text: startupDetail; wrapMode: Text.Wrap; Layout.fillWidth: true; color: "#444" }
        Item { Layout.fillHeight: true }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            spacing: 8
            Button {
                visible: startupFresh.length > 0
                text: startupFresh
                highlighted: true
                onClicked: { startupChoice.freshStart = true; Qt.quit() }
            }
            Button { text: startupQuit; onClicked: Qt.quit() }
        }
    }
}
)QML";

}  // namespace

StartupChoice showStartupError(QGuiApplication& app, const QString& headline, const QString& detail,
                               const QString& screenshotPath, const QString& freshStartLabel) {
    QTextStream(stderr) << "rwkv-desktop: " << headline << "\n" << detail << "\n";
    QQmlApplicationEngine engine;
    engine.rootContext()->setContextProperty(QStringLiteral("startupTitle"),
                                             QCoreApplication::translate("main", "RWKV Desktop"));
    engine.rootContext()->setContextProperty(QStringLiteral("startupHeadline"), headline);
    engine.rootContext()->setContextProperty(QStringLiteral("startupDetail"), detail);
    engine.rootContext()->setContextProperty(QStringLiteral("startupQuit"),
                                             QCoreApplication::translate("main", "Quit"));
    engine.rootContext()->setContextProperty(QStringLiteral("startupFresh"), freshStartLabel);
    QQmlPropertyMap choice;  // the QML sets freshStart when its button is clicked
    choice.insert(QStringLiteral("freshStart"), false);
    engine.rootContext()->setContextProperty(QStringLiteral("startupChoice"), &choice);
    engine.loadData(QByteArray(kQml));
    auto* window = engine.rootObjects().isEmpty() ? nullptr : qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    if (window == nullptr) return StartupChoice::Quit;
    if (!screenshotPath.isEmpty()) {
        QTimer::singleShot(1500, &app, [window, screenshotPath] {
            window->grabWindow().save(screenshotPath);
            QCoreApplication::exit(1);
        });
    }
    app.exec();
    return choice.value(QStringLiteral("freshStart")).toBool() ? StartupChoice::StartFresh : StartupChoice::Quit;
}

}  // namespace rwkv::gui
