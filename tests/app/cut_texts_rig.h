// cut_texts_rig.h — what test_cut_texts_sidebar and test_cut_texts_pages share (short texts the window cut or hid
// although they are what the user needs to read, new-user trial, session 19): the app's QML files loaded from the
// source tree as the module RwkvDesktop ($RWKV_QML_DIR: another copy, e.g. an older commit's, to see a test fail
// there), stand-ins for the singletons Library, Chat and ModelManager, the app's zh_CN.qm from the build, and a window
// to show a part of the window in (offscreen platform, the app's Basic style). Split from test_cut_texts.cpp (819
// lines) by theme in session 57.
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQmlPropertyMap>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTranslator>
#include <QtTest>

#include <memory>

#include "models/one_line.h"
#include "qml_test_module.h"

/// Stands in for Library: undoTitle, and isolated (LibraryController::isolated), which the undo bar calls.
class LibraryStandIn : public QQmlPropertyMap {
    Q_OBJECT
public:
    explicit LibraryStandIn(QObject* parent) : QQmlPropertyMap(this, parent) {}
    Q_INVOKABLE QString isolated(const QString& name) const { return rwkv::models::isolated(name); }
};

namespace rwkv::test {

/// With $RWKV_CUT_TEXTS_SHOTS set (a folder), saves `window` there as NAME.png, to look at.
inline void saveShot(QQuickWindow& window, const QString& name) {
    const QString dir = qEnvironmentVariable("RWKV_CUT_TEXTS_SHOTS");
    if (!dir.isEmpty()) window.grabWindow().save(QDir(dir).filePath(QString(name).replace(u' ', u'-') + ".png"));
}

/// `item`'s own rectangle in `in`'s coordinates.
inline QRectF rectIn(QQuickItem* item, QQuickItem* in) {
    return item->mapRectToItem(in, QRectF(0, 0, item->width(), item->height()));
}

/// The engine, its module and stand-ins of a test_cut_texts_* suite, which derives from it (its test functions use
/// these members as their own) and calls initRig() in its initTestCase.
class CutTextsRig {
protected:
    /// The app's style, the zh_CN translation, the module RwkvDesktop and the stand-ins: an empty Library.undoTitle, a
    /// Chat with the demo model's status and no reply status, a ModelManager with an empty models folder, no catalog.
    void initRig() {
        // The app's style (main.cpp): its Drawer's transitions are what left the Models page's labels at the old words'
        // widths (modelsPageLabelsFollowALanguageSwitch passed under the platform's default style before the fix too).
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        QVERIFY2(zh_.load(QStringLiteral(RWKV_QM_DIR "/rwkv-desktop_zh_CN.qm")), RWKV_QM_DIR "/rwkv-desktop_zh_CN.qm");
        const QString failed = rwkv::test::installQmlModule(modules_, engine_);
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
        library_ = new LibraryStandIn(&engine_);
        library_->insert(QStringLiteral("undoTitle"), QString());
        qmlRegisterSingletonInstance<QObject>("RwkvDesktop.Core", 1, 0, "Library", library_);
        chat_ = new QQmlPropertyMap(&engine_);
        chat_->insert(QStringLiteral("modelStatus"), QStringLiteral("tiny-rwkv7-834K · CPU · byte tokenizer"));
        chat_->insert(QStringLiteral("modelDetails"), QString());
        chat_->insert(QStringLiteral("replyStatus"), QString());
        chat_->insert(QStringLiteral("replyStatusBrief"), QString());
        chat_->insert(QStringLiteral("replyElsewhere"), QString());  // no reply being written in another chat
        qmlRegisterSingletonInstance<QObject>("RwkvDesktop.Core", 1, 0, "Chat", chat_);
        models_ = new QQmlPropertyMap(&engine_);  // an empty models folder, no catalog
        for (const char* list : {"catalog", "localModels", "sources", "sourceLabels"})
            models_->insert(QLatin1String(list), QVariantList());
        for (const char* text : {"errorMessage", "memoryText", "modelsDir", "modelsDirNote", "source"})
            models_->insert(QLatin1String(text), QString());
        models_->insert(QStringLiteral("importing"), false);
        models_->insert(QStringLiteral("errorIsNote"), false);
        qmlRegisterSingletonInstance<QObject>("RwkvDesktop.Core", 1, 0, "ModelManager", models_);
    }

    /// Installs the app's translation for `language` ("en": none) and retranslates the engine.
    void useLanguage(const QString& language) {
        QCoreApplication::removeTranslator(&zh_);
        if (language == QLatin1String("zh_CN")) QVERIFY(QCoreApplication::installTranslator(&zh_));
        engine_.retranslate();
    }

    /// Creates `qml` (an item of the module RwkvDesktop) in `window`'s content, shows the window, lets it settle for
    /// `settleMs` and saves it as shot `shot` (saveShot). Empty, with `error` saying why, when that fails.
    std::unique_ptr<QQuickItem> showInWindow(QQuickWindow& window, const QByteArray& qml, int settleMs,
                                             const QString& shot, QString& error) {
        QQmlComponent component(&engine_);
        component.setData(qml, QUrl());
        std::unique_ptr<QObject> object(component.create());
        auto* item = qobject_cast<QQuickItem*>(object.get());
        if (!item) {
            error = object ? QStringLiteral("not an item: ") + QString::fromUtf8(qml) : component.errorString();
            return {};
        }
        object.release();
        std::unique_ptr<QQuickItem> shown(item);
        shown->setParentItem(window.contentItem());  // as high as it asks (its place in a ColumnLayout)
        window.show();
        if (!QTest::qWaitForWindowExposed(&window)) {
            error = QStringLiteral("the window was not exposed");
            return {};
        }
        QTest::qWait(settleMs);
        saveShot(window, shot);
        return shown;
    }

    QTranslator zh_;
    QTemporaryDir modules_;  // RwkvDesktop/: the app's QML files and a qmldir
    QQmlEngine engine_;
    LibraryStandIn* library_ = nullptr;
    QQmlPropertyMap* chat_ = nullptr;     // stands in for Chat (modelStatus, replyStatus, modelDetails, replyElsewhere)
    QQmlPropertyMap* models_ = nullptr;   // stands in for ModelManager
};

}  // namespace rwkv::test
