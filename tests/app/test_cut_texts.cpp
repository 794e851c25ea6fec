// test_cut_texts.cpp — short texts the window cut or hid although they are what the user needs to read (new-user
// trial, session 19), in English and in Chinese (the app's zh_CN.qm from the build): the undo bar after a delete
// ("“Title” moved to the trash" beside Undo, at the sidebar's ~240 px it read "“to delete” move…"), the reply's status
// in the status line (capped at 55 %: "re-read 576 tokens (saved state was made…"), the Models page's empty-folder
// hint (in a 0 px list), the Models page's note on an import drawn as a success, not in red, a right-to-left title
// at the sidebar row's left as the others, the Models page's "Download from" after 简体中文 → English. The QML files are loaded
// from the source tree as the module RwkvDesktop ($RWKV_QML_DIR: another copy, e.g. an older commit's, to see it fail
// there); offscreen platform, the app's Basic style.
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QGlyphRun>
#include <QGuiApplication>
#include <QPainterPath>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQmlPropertyMap>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QRawFont>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTextLayout>
#include <QTranslator>
#include <QtTest>

#include <algorithm>
#include <functional>
#include <utility>
#include <memory>

#include "chat_controller.h"
#include "han_fonts.h"
#include "models/one_line.h"
#include "qml_test_module.h"

/// Stands in for Library: undoTitle, and isolated (LibraryController::isolated), which the undo bar calls.
class LibraryStandIn : public QQmlPropertyMap {
    Q_OBJECT
public:
    explicit LibraryStandIn(QObject* parent) : QQmlPropertyMap(this, parent) {}
    Q_INVOKABLE QString isolated(const QString& name) const { return rwkv::models::isolated(name); }
};

class TestCutTexts : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void undoBarSaysWhatHappened_data();
    void undoBarSaysWhatHappened();
    void statusLineShowsWhereTheStateCameFrom_data();
    void statusLineShowsWhereTheStateCameFrom();
    void diskSpaceNoteBeforeARereadIsNotCut_data();
    void diskSpaceNoteBeforeARereadIsNotCut();
    void emptyModelsFolderSaysSo_data();
    void emptyModelsFolderSaysSo();
    void modelCardsFitTextIsNotLeftACharacterALine_data();
    void modelCardsFitTextIsNotLeftACharacterALine();
    void rightToLeftTitleKeepsTheSentenceInOrder_data();
    void rightToLeftTitleKeepsTheSentenceInOrder();
    void importNoteIsDrawnAsASuccess_data();
    void importNoteIsDrawnAsASuccess();
    void rightToLeftTitleKeepsTheListsAlignment_data();
    void rightToLeftTitleKeepsTheListsAlignment();
    void modelsPageLabelsFollowALanguageSwitch_data();
    void modelsPageLabelsFollowALanguageSwitch();
    void rowTimeStaysInItsRowWhateverFaceDrawsTheTitle_data();
    void rowTimeStaysInItsRowWhateverFaceDrawsTheTitle();
    void titleOfOneWideGlyphStaysInItsRow_data();
    void titleOfOneWideGlyphStaysInItsRow();

private:
    /// Installs the app's translation for `language` ("en": none) and retranslates the engine.
    void useLanguage(const QString& language);
    /// Creates `qml` (an item of the module RwkvDesktop) in `window`'s content, shows the window, lets it settle for
    /// `settleMs` and saves it as shot `shot` (saveShot). Empty, with `error` saying why, when that fails.
    std::unique_ptr<QQuickItem> showInWindow(QQuickWindow& window, const QByteArray& qml, int settleMs,
                                             const QString& shot, QString& error);

    QTranslator zh_;
    QTemporaryDir modules_;  // RwkvDesktop/: the app's QML files and a qmldir
    QQmlEngine engine_;
    LibraryStandIn* library_ = nullptr;
    QQmlPropertyMap* chat_ = nullptr;     // stands in for Chat (modelStatus, replyStatus, modelDetails, replyElsewhere)
    QQmlPropertyMap* models_ = nullptr;   // stands in for ModelManager
};

using rwkv::test::textItem;

namespace {

/// With $RWKV_CUT_TEXTS_SHOTS set (a folder), saves `window` there as NAME.png, to look at.
void saveShot(QQuickWindow& window, const QString& name) {
    const QString dir = qEnvironmentVariable("RWKV_CUT_TEXTS_SHOTS");
    if (!dir.isEmpty()) window.grabWindow().save(QDir(dir).filePath(QString(name).replace(u' ', u'-') + ".png"));
}

/// `item`'s own rectangle in `in`'s coordinates.
QRectF rectIn(QQuickItem* item, QQuickItem* in) {
    return item->mapRectToItem(in, QRectF(0, 0, item->width(), item->height()));
}

}  // namespace

std::unique_ptr<QQuickItem> TestCutTexts::showInWindow(QQuickWindow& window, const QByteArray& qml, int settleMs,
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

void TestCutTexts::useLanguage(const QString& language) {
    QCoreApplication::removeTranslator(&zh_);
    if (language == QLatin1String("zh_CN")) QVERIFY(QCoreApplication::installTranslator(&zh_));
    engine_.retranslate();
}

void TestCutTexts::initTestCase() {
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

void TestCutTexts::undoBarSaysWhatHappened_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("said");  // the words that say what happened
    const QString en = QStringLiteral("moved to the trash"), zh = QStringLiteral("已移到回收站");
    const QString longTitle = QStringLiteral("Explain the difference between a process and a thread on Linux, with examples");
    QTest::newRow("en short") << "en" << QStringLiteral("to delete") << en;
    QTest::newRow("en chinese title") << "en" << QStringLiteral("你好") << en;
    QTest::newRow("en sentence") << "en" << QStringLiteral("How do I read a file in Python?") << en;
    QTest::newRow("en long title") << "en" << longTitle << en;
    QTest::newRow("en hebrew title") << "en" << QStringLiteral("שלום עולם 2") << en;
    const QString arabic = QStringLiteral("اشرح الفرق بين العملية والخيط في نظام لينكس مع أمثلة عملية من الحياة اليومية");
    QTest::newRow("en long arabic title") << "en" << arabic << en;
    QTest::newRow("en arabic title without spaces") << "en" << QString(arabic).remove(u' ') << en;
    QTest::newRow("zh_CN short") << "zh_CN" << QStringLiteral("你好") << zh;
    QTest::newRow("zh_CN long title") << "zh_CN" << longTitle << zh;
    QTest::newRow("zh_CN long arabic title") << "zh_CN" << arabic << zh;
}

// The bar as ConversationSidebar.qml places it: the sidebar's width less its margins (264 - 2 x 12 px), its height
// the one it asks for. The label cuts a long title to one line (Arabic too) and wraps, so "moved to the trash" is
// always there to read, inside the bar, on two lines at most.
void TestCutTexts::undoBarSaysWhatHappened() {
    QFETCH(QString, language);
    QFETCH(QString, title);
    QFETCH(QString, said);
    useLanguage(language);
    library_->insert(QStringLiteral("undoTitle"), title);
    QQuickWindow window;
    window.resize(264, 200);
    QString error;
    const std::unique_ptr<QQuickItem> shown =
        showInWindow(window, QByteArrayLiteral("import RwkvDesktop\nUndoBar { x: 12; width: 240; height: implicitHeight }\n"),
                     100, QStringLiteral("undo-") + QTest::currentDataTag(), error);
    QVERIFY2(shown, qPrintable(error));
    QQuickItem* bar = shown.get();
    QQuickItem* label = textItem(bar, said);
    QVERIFY(label);
    QVERIFY2(!label->property("truncated").toBool(),
             qPrintable(QStringLiteral("\"%1\" cut at %2 px (needs %3)")
                            .arg(label->property("text").toString())
                            .arg(label->width())
                            .arg(label->implicitWidth())));
    // The title cut to one line, the words after it on the next at most, so that Undo stays where it is (session 33's
    // check saw a long Arabic title take 3 lines; not seen here: 2, as every title).
    QVERIFY2(label->property("lineCount").toInt() >= 1 && label->property("lineCount").toInt() <= 2,
             qPrintable(QStringLiteral("%1 lines: %2").arg(label->property("lineCount").toInt())
                            .arg(label->property("text").toString())));
    // The title (cut or whole) between U+2068 and U+2069, its direction kept to itself (models::isolated).
    QVERIFY2(label->property("text").toString().startsWith(QStringLiteral("“\u2068")),
             qPrintable(label->property("text").toString()));
    const QRectF inBar = rectIn(label, bar);
    QVERIFY2(inBar.left() >= 0 && inBar.right() <= bar->width() && inBar.top() >= 0 && inBar.bottom() <= bar->height(),
             qPrintable(QStringLiteral("the label at %1,%2 %3x%4 is outside the %5x%6 bar")
                            .arg(inBar.left()).arg(inBar.top()).arg(inBar.width()).arg(inBar.height())
                            .arg(bar->width()).arg(bar->height())));
    useLanguage(QStringLiteral("en"));
}

void TestCutTexts::statusLineShowsWhereTheStateCameFrom_data() {
    QTest::addColumn<int>("width");       // the bar's: 1,280 and 1,100 px windows less the 264 px sidebar; 720 without
    QTest::addColumn<QString>("status");  // as ChatController composes it (app/core's tr() strings): replyStatus
    QTest::addColumn<QString>("brief");   // and replyStatusBrief (no speed, the unread note in fewer words)
    QTest::addColumn<QString>("start");   // a part of its first words
    const QString enResumed = QStringLiteral("resumed from saved state, read 31 new tokens");
    const QString enReread = QStringLiteral("re-read 576 tokens (saved state was made with vulkan fp16, this run uses cpu "
                                            "fp16 — re-reading 2 messages)");
    const QString enSpeed = QStringLiteral(" · 512 tokens at 2,207.1 tok/s");
    const QString enUnread = QStringLiteral(" — also read the unanswered question before this one (its reading had been "
                                            "cut off)");
    const QString enUnreadBrief = QStringLiteral(" — also read the unanswered question above");
    const QString zhReread = QStringLiteral("重新读取了 576 个 token（保存的状态由 vulkan fp16 生成，本次运行使用 cpu fp16 — "
                                            "重新读取 2 条消息）");
    const QString zhSpeed = QStringLiteral(" · 512 个 token，2,207.1 token/秒");
    const QString zhUnread = QStringLiteral(" — 同时读取了这条之前未获回复的提问（它的读取曾被中断）");
    const QString zhUnreadBrief = QStringLiteral(" — 同时读取了上面未获回复的提问");
    for (const int width : {1016, 836, 720}) {
        const QByteArray w = QByteArray::number(width);
        QTest::newRow("en resumed " + w) << width << enResumed + enSpeed << enResumed << QStringLiteral("resumed");
        QTest::newRow("en device changed " + w) << width << enReread + enSpeed << enReread << QStringLiteral("re-read");
        QTest::newRow("en re-read and unread question " + w)
            << width << enReread + enUnread + enSpeed << enReread + enUnreadBrief << QStringLiteral("re-read");
        QTest::newRow("zh_CN device changed " + w) << width << zhReread + zhSpeed << zhReread << QStringLiteral("重新读取");
        QTest::newRow("zh_CN re-read and unread question " + w)
            << width << zhReread + zhUnread + zhSpeed << zhReread + zhUnreadBrief << QStringLiteral("重新读取");
    }
}

// The status line under the messages of a 1,280, 1,100 (836 px beside the sidebar) or 720 px window, the demo model
// loaded (its status is 232 px wide): the reply's status (README: "The status line tells whether a chat continued from
// its saved state or had to re-read text (for example after switching to ... device") was capped at 55 % of the line
// and read "… read 31 new tok…" and "re-read 576 tokens (saved state was made…" with ~140 px free beside it; the why
// was only in a tooltip (new-user trial, session 19, Settings → llvmpipe → CPU). It takes all the room the model's
// status leaves. The whole on one line where it fits; else the brief form (no speed): on one line where it fits, else
// wrapped onto the lines it needs (three at most), never cut. Before, the brief form was cut at one line: "…— re-re…"
// at 1,100 px, and the note of a question read with the turn was lost (session 37's trial).
void TestCutTexts::statusLineShowsWhereTheStateCameFrom() {
    QFETCH(int, width);
    QFETCH(QString, status);
    QFETCH(QString, brief);
    QFETCH(QString, start);
    chat_->insert(QStringLiteral("replyStatus"), status);
    chat_->insert(QStringLiteral("replyStatusBrief"), brief);
    QQuickWindow window;
    window.resize(width, 90);
    QString error;
    const std::unique_ptr<QQuickItem> shown =
        showInWindow(window, "import RwkvDesktop\nStatusBar { width: " + QByteArray::number(width) +
                                 "; height: implicitHeight }\n",
                     100, QStringLiteral("status-") + QTest::currentDataTag(), error);
    QVERIFY2(shown, qPrintable(error));
    QQuickItem* bar = shown.get();
    QQuickItem* model = textItem(bar, QStringLiteral("byte tokenizer"));
    QQuickItem* reply = textItem(bar, start);
    QVERIFY(model && reply);
    // The model's status whole, but in the 720 px window where it keeps 30 % of the row inside the bar's 12 px margins
    // (its tooltip has it all).
    QVERIFY2(!model->property("truncated").toBool() || (width < 800 && model->width() >= (width - 24) * 0.3 - 1),
             qPrintable(QStringLiteral("the model's status is cut at %1 px").arg(model->width())));
    const QString drawn = reply->property("text").toString();
    const int lines = reply->property("lineCount").toInt();
    const QString said = QStringLiteral("\"%1\" on %2 line(s) of %3 px (the model's status takes %4 of %5)")
                             .arg(drawn).arg(lines).arg(reply->width()).arg(model->width()).arg(bar->width());
    QVERIFY2(!reply->property("truncated").toBool(), qPrintable(said));
    // The whole when it fits one line, else the brief form; one line where that fits.
    const QFontMetricsF metrics(reply->property("font").value<QFont>());
    QVERIFY2(drawn == status || drawn == brief, qPrintable(said));
    QVERIFY2(drawn == brief || lines == 1, qPrintable(said));
    QVERIFY2(lines >= 1 && lines <= 3, qPrintable(said));
    QVERIFY2(lines == 1 || metrics.horizontalAdvance(brief) > reply->width(), qPrintable(said));
    // It takes the room the model's status leaves, less the row's spacing and margins (48 px), not 55 % of the line.
    QVERIFY2(reply->width() >= std::min(reply->implicitWidth(), bar->width() - model->width() - 60), qPrintable(said));
    // Both side by side inside the bar, the reply's status (wrapped or not) inside its height.
    const QRectF m = rectIn(model, bar);
    const QRectF r = rectIn(reply, bar);
    QVERIFY2(m.right() <= r.left() && r.right() <= bar->width() && r.top() >= 0 && r.bottom() <= bar->height(),
             qPrintable(QStringLiteral("model %1..%2, reply %3..%4 x %5..%6 in a %7x%8 bar")
                            .arg(m.left()).arg(m.right()).arg(r.left()).arg(r.right()).arg(r.top()).arg(r.bottom())
                            .arg(bar->width()).arg(bar->height())));
    chat_->insert(QStringLiteral("replyStatus"), QString());
    chat_->insert(QStringLiteral("replyStatusBrief"), QString());
}

// Session 50's trial: a chat whose last reply was cut off (kill -9), continued on a disk with ~100 KB free: the whole
// status ("too little disk space: 1 saved state of this and other chats dropped …, and this reply's state was not saved
// either; … · re-read 86 tokens (the cut-off reply is read again as text — re-reading 2 messages) · …") and its brief
// form, which kept the disk's whole sentence, ran past three lines at 1,100 px and were cut: "…re-reading 2 mes…". The
// brief form says the disk in a few words; drawn whole (never cut) on at most three lines at 1,280, 1,100 and 720 px,
// in English and Japanese, as ChatController composes it.
void TestCutTexts::diskSpaceNoteBeforeARereadIsNotCut_data() {
    QTest::addColumn<int>("width");  // the bar's, as in statusLineShowsWhereTheStateCameFrom
    QTest::addColumn<QString>("language");
    for (const char* language : {"en", "ja"})
        for (const int width : {1016, 836, 720})
            QTest::addRow("%s %d", language, width) << width << QString::fromLatin1(language);
}

void TestCutTexts::diskSpaceNoteBeforeARereadIsNotCut() {
    QFETCH(int, width);
    QFETCH(QString, language);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(RWKV_QM_DIR "/rwkv-desktop_%1.qm").arg(language)));
    QCoreApplication::installTranslator(&translator);
    const auto session = [](const char* source) { return QCoreApplication::translate("rwkv::app::ChatSession", source); };
    rwkv::app::TurnStats stats;
    stats.replySaved = true;
    stats.stateSaved = false;
    stats.statesDropped = 1;
    stats.source = rwkv::app::StateSource::Reprefill;
    stats.prefillTokens = 86;
    stats.reprefillMessages = 2;
    stats.rereadWhy = {rwkv::app::RereadWhy::Kind::CutOffReply};
    stats.decodeTokens = 40;
    stats.decodeMs = 128.8;
    const QString status = rwkv::app::ChatController::describe(stats),
                  brief = rwkv::app::ChatController::describe(stats, false);
    const QString end = stats.resumeNote();  // what the brief form ends with (before: cut in it)
    QCOMPARE(end, session("%1 — %2").arg(session("the cut-off reply is read again as text"),
                                         session("re-reading %1 messages").arg(2)));
    QCoreApplication::removeTranslator(&translator);
    QVERIFY2(brief.endsWith(end + (language == QLatin1String("en") ? QStringLiteral(")") : QStringLiteral("）"))),
             qPrintable(brief));
    chat_->insert(QStringLiteral("replyStatus"), status);
    chat_->insert(QStringLiteral("replyStatusBrief"), brief);
    QQuickWindow window;
    window.resize(width, 120);
    QString error;
    const std::unique_ptr<QQuickItem> shown =
        showInWindow(window, "import RwkvDesktop\nStatusBar { width: " + QByteArray::number(width) +
                                 "; height: implicitHeight }\n",
                     100, QStringLiteral("status-disk-") + QTest::currentDataTag(), error);
    QVERIFY2(shown, qPrintable(error));
    QQuickItem* bar = shown.get();
    QQuickItem* reply = textItem(bar, brief.left(8));
    QVERIFY(reply);
    const QString drawn = reply->property("text").toString();
    const int lines = reply->property("lineCount").toInt();
    const QString said = QStringLiteral("\"%1\" on %2 line(s) of %3 px").arg(drawn).arg(lines).arg(reply->width());
    QVERIFY2(drawn == brief, qPrintable(said));  // the whole is too long for one line at any of these widths
    QVERIFY2(!reply->property("truncated").toBool(), qPrintable(said));  // before: 4+ lines' worth, cut at three
    QVERIFY2(lines >= 1 && lines <= 3, qPrintable(said));
    const QRectF r = rectIn(reply, bar);
    QVERIFY2(r.top() >= 0 && r.bottom() <= bar->height(), qPrintable(said));  // the bar grows to hold it
    chat_->insert(QStringLiteral("replyStatus"), QString());
    chat_->insert(QStringLiteral("replyStatusBrief"), QString());
}

// The Models page with nothing in the models folder (a first start: the demo model is in the resources folder): under
// "On this computer" the list says "No models yet: download one above or import a file." Before (new-user trial,
// session 19) the list was as high as its rows (Math.min(contentHeight, 180)): 0 px, so the hint centred in it was
// clipped away and the section showed nothing at all, in every window size.
void TestCutTexts::emptyModelsFolderSaysSo_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("hintPart");
    QTest::newRow("en") << "en" << QStringLiteral("No models yet");
    QTest::newRow("zh_CN") << "zh_CN" << QStringLiteral("还没有模型");
}

void TestCutTexts::emptyModelsFolderSaysSo() {
    QFETCH(QString, language);
    QFETCH(QString, hintPart);
    useLanguage(language);
    QQuickWindow window;
    window.resize(770, 720);
    QString error;
    const std::unique_ptr<QQuickItem> shown =
        showInWindow(window, QByteArrayLiteral("import RwkvDesktop\nModelManagerPage { width: 770; height: 720 }\n"),
                     200, QStringLiteral("models-") + QTest::currentDataTag(), error);
    QVERIFY2(shown, qPrintable(error));
    QQuickItem* page = shown.get();
    QQuickItem* hint = textItem(page, hintPart);
    QVERIFY(hint);
    QVERIFY(hint->isVisible());
    QQuickItem* list = hint->parentItem();  // the ListView of local models (it clips)
    while (list && !list->inherits("QQuickListView")) list = list->parentItem();
    QVERIFY(list);
    const QRectF inList = rectIn(hint, list);
    QVERIFY2(inList.top() >= 0 && inList.bottom() <= list->height(),
             qPrintable(QStringLiteral("the list is %1 px high, the hint at y %2..%3 in it: clipped away")
                            .arg(list->height())
                            .arg(inList.top())
                            .arg(inList.bottom())));
    QVERIFY2(!hint->property("truncated").toBool() && inList.left() >= 0 && inList.right() <= list->width(),
             qPrintable(QStringLiteral("the hint at x %1..%2 in a %3 px list").arg(inList.left()).arg(inList.right())
                            .arg(list->width())));
    useLanguage(QStringLiteral("en"));
}

void TestCutTexts::modelCardsFitTextIsNotLeftACharacterALine_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("width");  // the Models drawer's: 760 px in 1,280 and 1,100 px windows, 720 in a 720 px one
    QTest::addColumn<QString>("longFit");
    QTest::addColumn<QString>("shortFit");
    for (const int width : {760, 720}) {
        const QByteArray w = QByteArray::number(width);
        QTest::newRow("en " + w) << "en" << width
                                 << QStringLiteral("Too large as fp16; fits your RAM (CPU) with int8 weights (Settings → "
                                                   "Weights in memory)")
                                 << QStringLiteral("Fits your RAM (CPU)");
        QTest::newRow("zh_CN " + w) << "zh_CN" << width
                                    << QStringLiteral("用 fp16 太大；用 int8 权重可放进你的内存（CPU）（设置 → 内存中的权重）")
                                    << QStringLiteral("适合你的内存（CPU）");
    }
}

// Session 37's check: on the Models page at 1,100 px, the zh_CN fit text of a card that only int8 fits ("用 fp16 太大；用
// int8 权重可放进你的内存（CPU）（设置 → 内存中的权重）"), wrapped in 55 % of the card beside the name, left one character
// ("重）") on its second line. A fit text that does not fit beside the name goes on its own line under it, whole; a
// short one stays beside the name. Both on one line, inside the card, at the drawer's widths, in both languages.
void TestCutTexts::modelCardsFitTextIsNotLeftACharacterALine() {
    QFETCH(QString, language);
    QFETCH(int, width);
    QFETCH(QString, longFit);
    QFETCH(QString, shortFit);
    useLanguage(language);
    QStandardItemModel catalog;
    const QStringList roles{"modelId", "name", "params", "format", "sizeText", "shapeText", "fit", "fitText",
                            "installed", "wrongSizeText", "downloadState", "resumable", "progress", "progressText",
                            "speedText", "etaText", "transferText", "message"};
    QHash<int, QByteArray> names;
    for (int i = 0; i < roles.size(); ++i) names.insert(Qt::UserRole + i, roles[i].toUtf8());
    catalog.setItemRoleNames(names);
    const auto addCard = [&](const QString& id, const QString& name, const QString& fit, const QString& fitText) {
        auto* item = new QStandardItem;
        const QVariantMap values{{"modelId", id}, {"name", name}, {"params", "13.3B"}, {"format", "pth"},
                                 {"sizeText", "26.5 GB"}, {"shapeText", "61 layers × 4096"}, {"fit", fit},
                                 {"fitText", fitText}, {"installed", false}, {"downloadState", "none"},
                                 {"resumable", false}, {"progress", 0.0}};
        for (int i = 0; i < roles.size(); ++i) item->setData(values.value(roles[i], QString()), Qt::UserRole + i);
        catalog.appendRow(item);
    };
    addCard(QStringLiteral("small"), QStringLiteral("RWKV-7 G1i 2.9B (2026-08-05, ctx 16384)"), QStringLiteral("ram"), shortFit);
    addCard(QStringLiteral("large"), QStringLiteral("RWKV-7 G1h 13.3B (2026-07-10, ctx 10240)"),
            QStringLiteral("too-large"), longFit);
    models_->insert(QStringLiteral("catalog"), QVariant::fromValue<QObject*>(&catalog));
    const auto emptied = qScopeGuard([this] { models_->insert(QStringLiteral("catalog"), QVariantList()); });
    QQuickWindow window;
    window.resize(width, 720);
    QString error;
    const std::unique_ptr<QQuickItem> shown = showInWindow(
        window, "import RwkvDesktop\nModelManagerPage { width: " + QByteArray::number(width) + "; height: 720 }\n", 200,
        QStringLiteral("models-fit-") + QTest::currentDataTag(), error);
    QVERIFY2(shown, qPrintable(error));
    for (const QString& fitText : {shortFit, longFit}) {
        QQuickItem* label = textItem(shown.get(), fitText);
        QVERIFY2(label, qPrintable(fitText));
        QQuickItem* card = label->parentItem();
        while (card && !card->property("fitText").isValid()) card = card->parentItem();
        QVERIFY(card);
        const QRectF inCard = rectIn(label, card);
        const QString said = QStringLiteral("\"%1\" on %2 line(s), x %3..%4 in a %5 px card")
                                 .arg(fitText)
                                 .arg(label->property("lineCount").toInt())
                                 .arg(inCard.left())
                                 .arg(inCard.right())
                                 .arg(card->width());
        QVERIFY2(label->isVisible() && label->property("lineCount").toInt() == 1 &&
                     !label->property("truncated").toBool(),
                 qPrintable(said));
        QVERIFY2(inCard.left() >= 0 && inCard.right() <= card->width(), qPrintable(said));
        // The short one beside the name (right of it), the long one under it.
        QQuickItem* name = textItem(card, card->property("name").toString());
        QVERIFY(name);
        const QRectF n = rectIn(name, card);
        QVERIFY2(fitText == shortFit ? inCard.left() >= n.right() && inCard.top() < n.bottom() : inCard.top() >= n.bottom(),
                 qPrintable(said + QStringLiteral(", the name at x %1..%2 y %3..%4")
                                       .arg(n.left()).arg(n.right()).arg(n.top()).arg(n.bottom())));
    }
    useLanguage(QStringLiteral("en"));
}

// The import banner's sentences with a right-to-left title, laid out as the banner's Label lays out its text (Qt's
// bidi, the paragraph's direction from its first strong letter), with each title put in by models::isolated: the
// words after the title stay right of it. Without the isolate a sentence that begins with a Hebrew or Arabic name took
// its direction: laid out right to left as a whole, its words after the name drawn left of it (session 32's trial).
void TestCutTexts::rightToLeftTitleKeepsTheSentenceInOrder_data() {
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("sentence");  // the banner's English text, %1 the title
    QTest::addColumn<QString>("after");     // words of the sentence that follow the title
    QTest::newRow("arabic file name") << QStringLiteral("محادثة.json")
                                      << QStringLiteral("“%1” was not imported: this is not an RWKV Desktop conversation")
                                      << QStringLiteral("was not");
    QTest::newRow("hebrew, first in the sentence")
        << QStringLiteral("שלום עולם")
        << QStringLiteral("“%1” is already in your library (this file was exported from it or imported before): opened it.")
        << QStringLiteral("is already");
}

void TestCutTexts::rightToLeftTitleKeepsTheSentenceInOrder() {
    QFETCH(QString, title);
    QFETCH(QString, sentence);
    QFETCH(QString, after);
    const QString text = sentence.arg(rwkv::models::isolated(title));
    QTextLayout layout(text, QGuiApplication::font());
    QTextOption option;
    option.setTextDirection(Qt::LayoutDirectionAuto);  // as a Label's text: from its first strong letter
    layout.setTextOption(option);
    layout.beginLayout();
    QTextLine line = layout.createLine();
    QVERIFY(line.isValid());
    line.setLineWidth(10000);
    layout.endLayout();
    const qsizetype titleAt = text.indexOf(title);
    qreal titleRight = 0;  // the right edge of the title's letters, wherever the bidi algorithm put them
    for (qsizetype i = titleAt; i <= titleAt + title.size(); ++i) titleRight = std::max(titleRight, line.cursorToX(int(i)));
    const qsizetype afterAt = text.indexOf(after);
    qreal afterLeft = 1e9;  // the left edge of the words after it
    for (qsizetype i = afterAt; i <= afterAt + after.size(); ++i) afterLeft = std::min(afterLeft, line.cursorToX(int(i)));
    QVERIFY2(afterLeft >= titleRight, qPrintable(QStringLiteral("\"%1\" from x %2, the title up to %3: out of order")
                                                     .arg(after).arg(afterLeft).arg(titleRight)));
}

// The Models page's banner: "mine.gguf was imported as mine (2).gguf: …" is a success with information (the file went
// in and loads; ModelManager.errorIsNote), drawn in the import banner's neutral colours (Theme.text on
// sidebarSelected); a refusal stays red (Theme.danger on dangerBackground). Before (session 33's check) both were red.
void TestCutTexts::importNoteIsDrawnAsASuccess_data() {
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("note");
    QTest::newRow("renamed") << QStringLiteral("mine.gguf was imported as mine (2).gguf: the models folder already has "
                                               "another file named mine.gguf.")
                             << true;
    QTest::newRow("refused") << QStringLiteral("notes.txt is not a model file (.pth, .gguf, .st, .safetensors or .bin).")
                             << false;
}

void TestCutTexts::importNoteIsDrawnAsASuccess() {
    QFETCH(QString, message);
    QFETCH(bool, note);
    models_->insert(QStringLiteral("errorMessage"), message);
    models_->insert(QStringLiteral("errorIsNote"), note);
    const auto clear = qScopeGuard([this] {
        models_->insert(QStringLiteral("errorMessage"), QString());
        models_->insert(QStringLiteral("errorIsNote"), false);
    });
    QQmlComponent colours(&engine_);
    colours.setData("import QtQuick\nimport RwkvDesktop\nQtObject { property color text: Theme.text; property color danger: Theme.danger;"
                    " property color note: Theme.sidebarSelected; property color error: Theme.dangerBackground }\n",
                    QUrl());
    const std::unique_ptr<QObject> theme(colours.create());
    QVERIFY2(theme, qPrintable(colours.errorString()));
    QQuickWindow window;
    window.resize(770, 300);
    QString error;
    const std::unique_ptr<QQuickItem> shown =
        showInWindow(window, QByteArrayLiteral("import RwkvDesktop\nModelManagerPage { width: 770; height: 300 }\n"),
                     100, QStringLiteral("models-banner-") + QTest::currentDataTag(), error);
    QVERIFY2(shown, qPrintable(error));
    QQuickItem* text = textItem(shown.get(), message);
    QVERIFY(text && text->isVisible());
    QQuickItem* banner = text->parentItem() ? text->parentItem()->parentItem() : nullptr;  // its row's Rectangle
    QVERIFY(banner && banner->inherits("QQuickRectangle"));
    const auto name = [](const QVariant& colour) { return colour.value<QColor>().name(QColor::HexArgb); };
    QCOMPARE(name(text->property("color")), name(theme->property(note ? "text" : "danger")));
    QCOMPARE(name(banner->property("color")), name(theme->property(note ? "note" : "error")));
}

// A sidebar row whose title is Arabic or Hebrew: drawn from the row's left as every other title (the list reads left
// to right), its letters in their own order. Before (session 33's check) Qt aligned it by its first strong letter: at
// the row's right, beside the "⋯", while the rest of the list was at the left. A window laid out right to left as a
// whole (Qt.application.layoutDirection) has every title at the right.
void TestCutTexts::rightToLeftTitleKeepsTheListsAlignment_data() {
    QTest::addColumn<QString>("title");
    QTest::addColumn<bool>("rightToLeftWindow");
    QTest::addColumn<int>("alignment");  // effectiveHorizontalAlignment
    QTest::newRow("arabic") << QStringLiteral("مرحبا بالعالم") << false << int(Qt::AlignLeft);
    QTest::newRow("hebrew") << QStringLiteral("שלום עולם") << false << int(Qt::AlignLeft);
    QTest::newRow("english") << QStringLiteral("Hello world") << false << int(Qt::AlignLeft);
    QTest::newRow("arabic, right-to-left window") << QStringLiteral("مرحبا بالعالم") << true << int(Qt::AlignRight);
}

void TestCutTexts::rightToLeftTitleKeepsTheListsAlignment() {
    QFETCH(QString, title);
    QFETCH(bool, rightToLeftWindow);
    QFETCH(int, alignment);
    QGuiApplication::setLayoutDirection(rightToLeftWindow ? Qt::RightToLeft : Qt::LeftToRight);
    const auto restore = qScopeGuard([] { QGuiApplication::setLayoutDirection(Qt::LeftToRight); });
    QQuickWindow window;
    window.resize(240, 60);
    QString error;
    const QByteArray qml = "import RwkvDesktop\nConversationDelegate { width: 240; conversationId: 1; title: \"" +
                           title.toUtf8() + "\"; updatedText: \"17:16\"; openedLast: false; pinned: false; index: 0; "
                           "isFolder: false; folderId: 0; folderName: \"\"; chatCount: 0; collapsed: false; inFolder: false; "
                           "holdsOpenChat: false }\n";
    const std::unique_ptr<QQuickItem> shown =
        showInWindow(window, qml, 100, QStringLiteral("row-") + QTest::currentDataTag(), error);
    QVERIFY2(shown, qPrintable(error));
    QQuickItem* label = textItem(shown.get(), title);
    QVERIFY(label);
    QCOMPARE(label->property("effectiveHorizontalAlignment").toInt(), alignment);
    QQuickItem* time = textItem(shown.get(), QStringLiteral("17:16"));
    QVERIFY(time);
    QCOMPARE(time->property("effectiveHorizontalAlignment").toInt(), alignment);  // the title's edge is the time's
    // The chat header's title, at the header's start as the rows' (session 34's check: an Arabic or Hebrew title was
    // drawn at the right, beside Models, where every other title sits at the left).
    chat_->insert(QStringLiteral("currentTitle"), title);
    chat_->insert(QStringLiteral("modelName"), QStringLiteral("tiny-rwkv7-834K"));
    chat_->insert(QStringLiteral("modelPath"), QString());
    QQuickWindow headerWindow;
    headerWindow.resize(800, 60);
    const std::unique_ptr<QQuickItem> header =
        showInWindow(headerWindow, "import RwkvDesktop\nHeaderBar { width: 800 }\n", 100,
                     QStringLiteral("header-") + QTest::currentDataTag(), error);
    QVERIFY2(header, qPrintable(error));
    QQuickItem* headerTitle = textItem(header.get(), title);
    QVERIFY(headerTitle);
    QCOMPARE(headerTitle->objectName(), QStringLiteral("chatTitle"));
    QCOMPARE(headerTitle->property("effectiveHorizontalAlignment").toInt(), alignment);
}

void TestCutTexts::modelsPageLabelsFollowALanguageSwitch_data() {
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("labels");  // the label column's words in `to`
    QTest::newRow("zh_CN to en") << "zh_CN" << "en" << QStringList{"Models folder", "Download from"};
    QTest::newRow("en to zh_CN") << "en" << "zh_CN" << QStringList{"模型文件夹", "下载来源"};
}

// Session 39's trial: the Models page laid out in 简体中文, then Settings → American English: the labels' column kept
// the Chinese words' width, "Models folder" under the folder's path and "Download fr" under the combo box (a fresh
// English start was fine). Each label whole, left of what its row shows, at the drawer's 760 px (1,100 px window).
void TestCutTexts::modelsPageLabelsFollowALanguageSwitch() {
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QStringList, labels);
    const QString folder = QStringLiteral("/home/someone/.local/share/rwkv-desktop/rwkv-desktop/models");
    models_->insert(QStringLiteral("modelsDir"), folder);
    models_->insert(QStringLiteral("sourceLabels"), QStringList{QStringLiteral("Automatic (fall back on failure)")});
    models_->insert(QStringLiteral("memoryText"), QStringLiteral("GPU llvmpipe (software, on the CPU) · RAM 25.3 GB"));
    const auto emptied = qScopeGuard([this] {
        for (const char* text : {"modelsDir", "memoryText"}) models_->insert(QLatin1String(text), QString());
        models_->insert(QStringLiteral("sourceLabels"), QVariantList());
        useLanguage(QStringLiteral("en"));
    });
    useLanguage(from);
    QQuickWindow window;
    window.resize(760, 720);
    QString error;
    // In a drawer, as Main.qml has it: opened, closed, the language switched (in Settings), opened again.
    const std::unique_ptr<QQuickItem> shown = showInWindow(
        window,
        QByteArrayLiteral("import QtQuick\nimport QtQuick.Controls\nimport RwkvDesktop\nItem {\n"
                          "    width: 760; height: 720\n    property alias drawer: drawer\n"
                          "    Drawer { id: drawer; edge: Qt.RightEdge; width: 760; height: 720\n"
                          "        ModelManagerPage { anchors.fill: parent } }\n}\n"),
        50, QStringLiteral("models-labels-start-") + QTest::currentDataTag(), error);
    QVERIFY2(shown, qPrintable(error));
    auto* drawer = shown->property("drawer").value<QObject*>();
    QVERIFY(drawer);
    QMetaObject::invokeMethod(drawer, "open");
    QTRY_VERIFY(drawer->property("opened").toBool());
    QMetaObject::invokeMethod(drawer, "close");
    QTRY_VERIFY(!drawer->property("visible").toBool());
    useLanguage(to);
    // ModelManagerController::retranslate words its texts again after the switch (LanguageSwitcher::languageChanged).
    models_->insert(QStringLiteral("memoryText"), to == QLatin1String("en")
                                                      ? QStringLiteral("GPU llvmpipe (software, on the CPU) · RAM 25.3 GB")
                                                      : QStringLiteral("GPU llvmpipe（软件渲染，在 CPU 上运行）· 内存 25.3 GB"));
    models_->insert(QStringLiteral("sourceLabels"), QStringList{to == QLatin1String("en")
                                                                    ? QStringLiteral("Automatic (fall back on failure)")
                                                                    : QStringLiteral("自动（失败时换用其他来源）")});
    QTest::qWait(50);
    QMetaObject::invokeMethod(drawer, "open");
    QTRY_VERIFY(drawer->property("opened").toBool());
    QTest::qWait(100);
    saveShot(window, QStringLiteral("models-labels-") + QTest::currentDataTag());
    QQuickItem* page = drawer->property("contentItem").value<QQuickItem*>();
    QVERIFY(page);
    QQuickItem* path = textItem(page, folder);
    QVERIFY(path);
    QQuickItem* combo = nullptr;
    for (QQuickItem* sibling : path->parentItem()->childItems())
        if (sibling->inherits("QQuickComboBox")) combo = sibling;
    QVERIFY(combo);
    for (const auto& [words, next] : {std::pair{labels[0], path}, std::pair{labels[1], combo}}) {
        QQuickItem* label = textItem(page, words);
        QVERIFY2(label, qPrintable(words));
        const QRectF at = rectIn(label, path->parentItem());
        QVERIFY2(label->width() >= label->implicitWidth() - 0.5 && at.right() <= next->x(),
                 qPrintable(QStringLiteral("\"%1\" at x %2..%3 (needs %4 px), what its row shows from x %5")
                                .arg(words).arg(at.left()).arg(at.right()).arg(label->implicitWidth()).arg(next->x())));
    }
}

void TestCutTexts::rowTimeStaysInItsRowWhateverFaceDrawsTheTitle_data() {
    QTest::addColumn<QString>("language");  // the window's family list (LanguageSwitcher: hanFamilies)
    QTest::newRow("en") << "en";
    QTest::newRow("ja") << "ja";
    QTest::newRow("zh_CN") << "zh_CN";
}

// Session 55's trial: a chat titled "Bismillah ﷽ …" had its row's time pushed down, cut at the row's foot in ja and
// zh_CN. The ligature is drawn with Amiri (fonts-hosny-amiri, since session 55), whose line is much taller than the
// app's face, and the title's line took Amiri's height in a row of a fixed 52 px. Its title's baseline and its time
// are where a row of another title has them.
void TestCutTexts::rowTimeStaysInItsRowWhateverFaceDrawsTheTitle() {
    QFETCH(QString, language);
    bool drawn = false;
    for (const QString& family : QFontDatabase::families(QFontDatabase::Arabic))
        drawn = drawn || QRawFont::fromFont(QFont(family)).supportsCharacter(QChar(0xFDFD));
    if (!drawn) QSKIP("no installed font has U+FDFD: install fonts-hosny-amiri (packaging/debian12-deps.txt)");
    const QFont before = QGuiApplication::font();
    const auto restore = qScopeGuard([before] { QGuiApplication::setFont(before); });
    QFont font = before;
    font.setFamilies(rwkv::gui::hanFamilies(before, QLocale(language), false));
    QGuiApplication::setFont(font);
    // (the title's baseline, the time's rectangle) in the row
    const auto laidOut = [&](const QString& title, QPair<qreal, QRectF>* out) {
        QQuickWindow window;
        window.resize(240, 60);
        QString error;
        const QByteArray qml = "import RwkvDesktop\nConversationDelegate { width: 240; conversationId: 1; title: \"" +
                               title.toUtf8() + "\"; updatedText: \"17:16\"; openedLast: false; pinned: false; "
                               "index: 0; isFolder: false; folderId: 0; folderName: \"\"; chatCount: 0; "
                               "collapsed: false; inFolder: false; holdsOpenChat: false }\n";
        const std::unique_ptr<QQuickItem> shown = showInWindow(
            window, qml, 100, QStringLiteral("row-time-%1-%2").arg(language, title.contains(QChar(0xFDFD)) ? "ligature" : "plain"), error);
        QVERIFY2(shown, qPrintable(error));
        QQuickItem* time = textItem(shown.get(), QStringLiteral("17:16"));
        QQuickItem* label = textItem(shown.get(), title);
        QVERIFY(time && label);
        *out = {label->mapToItem(shown.get(), QPointF(0, label->baselineOffset())).y(), rectIn(time, shown.get())};
    };
    QPair<qreal, QRectF> plain, ligature;
    laidOut(QStringLiteral("Bismillah and the rest of the question"), &plain);
    laidOut(QStringLiteral("Bismillah \uFDFD and the rest of the question"), &ligature);
    if (QTest::currentTestFailed()) return;
    QCOMPARE(ligature.first, plain.first);  // the title's words on the same line as another row's
    QCOMPARE(ligature.second, plain.second);  // the time too, inside the row
}

void TestCutTexts::titleOfOneWideGlyphStaysInItsRow_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("pixelSize");  // the text size: 100 % and 150 %
    QTest::addColumn<int>("width");      // the row's
    for (const char* language : {"en", "zh_CN"}) {
        QTest::addRow("%s 100 %% 180 px", language) << QString::fromLatin1(language) << 14 << 180;
        QTest::addRow("%s 150 %% 240 px", language) << QString::fromLatin1(language) << 21 << 240;
    }
}

// Session 55's trial: a chat titled "﷽" alone had its row's title drawn past the row. Qt elides a text of one
// character by keeping it whole, and Amiri's ﷽ is 161 px wide at 14 px (241 px at 150 %): wider than the title's
// 126 px (186 px), it ran over the "⋯" and past the row's edge. What is drawn of it stays inside the title's box, which
// cuts it at its sides and above the row's time (session 57), and it is drawn smaller, whole, where the box would cut it
// (the glyph is still drawn, not replaced by "…").
void TestCutTexts::titleOfOneWideGlyphStaysInItsRow() {
    QFETCH(QString, language);
    QFETCH(int, pixelSize);
    QFETCH(int, width);
    bool drawn = false;
    for (const QString& family : QFontDatabase::families(QFontDatabase::Arabic))
        drawn = drawn || QRawFont::fromFont(QFont(family)).supportsCharacter(QChar(0xFDFD));
    if (!drawn) QSKIP("no installed font has U+FDFD: install fonts-hosny-amiri (packaging/debian12-deps.txt)");
    const QFont before = QGuiApplication::font();
    const auto restore = qScopeGuard([before] { QGuiApplication::setFont(before); });
    QFont font = before;
    font.setFamilies(rwkv::gui::hanFamilies(before, QLocale(language), false));
    font.setPixelSize(pixelSize);
    QGuiApplication::setFont(font);
    QQuickWindow window;
    window.resize(width, 60);
    QString error;
    const QString title = QString(QChar(0xFDFD));
    const QByteArray qml = "import RwkvDesktop\nConversationDelegate { width: " + QByteArray::number(width) +
                           "; conversationId: 1; title: \"" + title.toUtf8() + "\"; updatedText: \"17:16\"; "
                           "openedLast: false; pinned: false; index: 0; isFolder: false; folderId: 0; folderName: \"\"; "
                           "chatCount: 0; collapsed: false; inFolder: false; holdsOpenChat: false }\n";
    const std::unique_ptr<QQuickItem> row =
        showInWindow(window, qml, 100, QStringLiteral("row-wide-glyph-") + QTest::currentDataTag(), error);
    QVERIFY2(row, qPrintable(error));
    QQuickItem* label = nullptr;
    const std::function<void(QQuickItem*)> find = [&](QQuickItem* item) {
        if (item->inherits("QQuickText") && item->property("text").toString() == title) label = item;
        for (QQuickItem* child : item->childItems()) find(child);
    };
    find(row.get());
    QVERIFY(label);
    // Its ink, from the glyphs' outlines as laid out in the label's font (the face that draws ﷽ found as Qt Quick
    // finds it), from the pen's start on the baseline, then where the label draws it in the row (its scale too).
    QTextLayout layout(title, label->property("font").value<QFont>());
    layout.beginLayout();
    layout.createLine();
    layout.endLayout();
    QRectF ink;
    for (const QGlyphRun& run : layout.glyphRuns()) {
        const QList<quint32> glyphs = run.glyphIndexes();
        const QList<QPointF> at = run.positions();
        for (qsizetype i = 0; i < glyphs.size(); ++i)
            ink |= run.rawFont().pathForGlyph(glyphs[i]).boundingRect().translated(at[i]);
    }
    QVERIFY(!ink.isEmpty());
    const qreal ascent = layout.lineAt(0).ascent();
    const QRectF inked = label->mapRectToItem(
        row.get(), ink.translated(0, label->property("baselineOffset").toReal() - ascent));
    // The nearest box that cuts it: inside the row, left of the "⋯", above the time (session 57: its lower strokes were
    // drawn over the time at 100 % text with a box 24 px below the line).
    QQuickItem* time = textItem(row.get(), QStringLiteral("17:16"));
    QVERIFY(time);
    QRectF box;
    for (QQuickItem* up = label->parentItem(); up && up != row.get() && box.isNull(); up = up->parentItem())
        if (up->clip()) box = rectIn(up, row.get());
    QVERIFY(!box.isNull());
    const qreal room = width - row->property("rightPadding").toReal();
    QVERIFY2(box.top() >= -0.5 && box.bottom() <= rectIn(time, row.get()).top() + 0.5 && box.right() <= room + 0.5,
             qPrintable(QStringLiteral("the title cut at %1..%2 px down, to %3 px across; the time's top at %4 px, "
                                       "the row's text to %5 px")
                            .arg(box.top()).arg(box.bottom()).arg(box.right()).arg(rectIn(time, row.get()).top())
                            .arg(room)));
    // Drawn whole in it (session 57's loose ends: cut there, ﷽ lost its lower sweep at 100 % text and its first word
    // at both sizes), and no smaller than that needs: reaching the box's right side (from the pen's start at its left), or
// as high as the box.
    const auto text = [](const QRectF& r) {
        return QStringLiteral("%1..%2 across, %3..%4 down").arg(r.left()).arg(r.right()).arg(r.top()).arg(r.bottom());
    };
    QVERIFY2(box.adjusted(-0.5, -0.5, 0.5, 0.5).contains(inked),
             qPrintable(QStringLiteral("drawn at %1 in a box at %2").arg(text(inked), text(box))));
    QVERIFY2(inked.right() - box.left() >= box.width() - 1.5 || inked.height() >= box.height() - 1.5,
             qPrintable(QStringLiteral("drawn at %1 in a box at %2: smaller than it fits").arg(text(inked), text(box))));
    qInfo("ink %s unscaled; drawn at %s in %s", qPrintable(text(ink.translated(0, -ascent))), qPrintable(text(inked)),
          qPrintable(text(box)));
}

QTEST_MAIN(TestCutTexts)
#include "test_cut_texts.moc"
