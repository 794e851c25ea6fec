// qml_test_module.h — the app's QML files as the module RwkvDesktop for tests that load parts of the window without
// the app (offscreen): copied from app/gui/qml ($RWKV_QML_DIR: another copy, e.g. an older commit's, to see a change
// fail there) into a temporary folder with a qmldir, plus stand-ins for the C++ singletons Theme reads and the app's
// MarkdownLists (MarkdownSegment.qml's list numbers; the suites link rwkv_gui).
#pragma once

#include <QDir>
#include <QFile>
#include <QQmlEngine>
#include <QQmlComponent>
#include <QQmlPropertyMap>
#include <QQuickItem>
#include <QQuickWindow>
#include <QString>
#include <QTemporaryDir>
#include <QtQml>
#include <QtTest>

#include <memory>

#include "markdown_lists.h"

namespace rwkv::test {

/// Copies the QML files into `modules`/RwkvDesktop with a qmldir (singletons marked), adds `modules` to `engine`'s
/// import paths and registers RwkvDesktop.Core's AppSettings (theme "light") and SystemTheme (dark false) as property
/// maps, and the app's MarkdownLists singleton. Returns an empty string, or what failed (for QVERIFY2).
inline QString installQmlModule(const QTemporaryDir& modules, QQmlEngine& engine) {
    if (!modules.isValid()) return QStringLiteral("no temporary folder");
    const QDir from(qEnvironmentVariable("RWKV_QML_DIR", QStringLiteral(RWKV_SOURCE_DIR "/app/gui/qml")));
    QDir to(modules.path());
    if (!to.mkdir(QStringLiteral("RwkvDesktop")) || !to.cd(QStringLiteral("RwkvDesktop")))
        return QStringLiteral("cannot make ") + to.filePath(QStringLiteral("RwkvDesktop"));
    QString qmldir = QStringLiteral("module RwkvDesktop\n");
    for (const QString& name : from.entryList({QStringLiteral("*.qml")}, QDir::Files)) {
        QFile file(from.filePath(name));
        if (!file.open(QIODevice::ReadOnly)) return QStringLiteral("cannot read ") + file.fileName();
        const bool singleton = file.readAll().contains("pragma Singleton");
        if (!QFile::copy(from.filePath(name), to.filePath(name))) return QStringLiteral("cannot copy ") + name;
        qmldir += (singleton ? QStringLiteral("singleton ") : QString()) + name.chopped(4) + QStringLiteral(" 1.0 ") +
                  name + u'\n';
    }
    QFile out(to.filePath(QStringLiteral("qmldir")));
    if (!out.open(QIODevice::WriteOnly) || out.write(qmldir.toUtf8()) <= 0) return QStringLiteral("cannot write qmldir");
    out.close();
    engine.addImportPath(modules.path());
    auto* settings = new QQmlPropertyMap(&engine);
    settings->insert(QStringLiteral("theme"), QStringLiteral("light"));
    auto* theme = new QQmlPropertyMap(&engine);
    theme->insert(QStringLiteral("dark"), false);
    qmlRegisterSingletonInstance<QObject>("RwkvDesktop.Core", 1, 0, "AppSettings", settings);
    qmlRegisterSingletonInstance<QObject>("RwkvDesktop.Core", 1, 0, "SystemTheme", theme);
    rwkv::gui::registerMarkdownLists();
    return {};
}

/// An item made from `qml` (a component of the module RwkvDesktop, e.g. "MarkdownSegment { width: 600 }") with
/// `properties`, held by `object`, put in `window` and the window shown; nullptr (the reason printed) when it fails.
inline QQuickItem* showItem(QQmlEngine& engine, QQuickWindow& window, std::unique_ptr<QObject>& object,
                            const QByteArray& qml, const QVariantMap& properties) {
    QQmlComponent component(&engine);
    component.setData("import QtQuick\nimport RwkvDesktop\n" + qml + "\n", QUrl(QStringLiteral("file:///item.qml")));
    object.reset(component.createWithInitialProperties(properties, engine.rootContext()));
    auto* item = qobject_cast<QQuickItem*>(object.get());
    if (!item) {
        qWarning("%s", qPrintable(component.errorString()));
        return nullptr;
    }
    item->setParentItem(window.contentItem());
    window.show();
    return QTest::qWaitForWindowExposed(&window) ? item : nullptr;
}

/// The first Text item at or under `item` whose text contains `part` (depth first), or nullptr.
inline QQuickItem* textItem(QQuickItem* item, const QString& part) {
    if (!item) return nullptr;
    if (item->inherits("QQuickText") && item->property("text").toString().contains(part)) return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = textItem(child, part)) return found;
    return nullptr;
}

}  // namespace rwkv::test
