// test_cut_texts_pages.cpp — short texts of the chat's status line, its import banner and the Models page, which the
// window cut or hid although they are what the user needs to read (new-user trial, session 19), in English and in
// Chinese (the app's zh_CN.qm from the build): the reply's status in the status line (capped at 55 %: "re-read 576
// tokens (saved state was made…"; the disk's note before a re-read), a right-to-left title in the import banner's
// sentences, the Models page's empty-folder hint (in a 0 px list), its cards' fit text, its note on an import drawn as
// a success, not in red, its "Download from" after 简体中文 → English. The rig (cut_texts_rig.h) is
// test_cut_texts_sidebar's too.
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QStandardItemModel>
#include <QTextLayout>
#include <QTranslator>

#include <algorithm>
#include <utility>

#include "chat_controller.h"
#include "cut_texts_rig.h"

using rwkv::test::rectIn;
using rwkv::test::saveShot;
using rwkv::test::textItem;

class TestCutTextsPages : public QObject, protected rwkv::test::CutTextsRig {
    Q_OBJECT

private slots:
    void initTestCase() { initRig(); }
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
    void modelsPageLabelsFollowALanguageSwitch_data();
    void modelsPageLabelsFollowALanguageSwitch();
};

void TestCutTextsPages::statusLineShowsWhereTheStateCameFrom_data() {
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
void TestCutTextsPages::statusLineShowsWhereTheStateCameFrom() {
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
void TestCutTextsPages::diskSpaceNoteBeforeARereadIsNotCut_data() {
    QTest::addColumn<int>("width");  // the bar's, as in statusLineShowsWhereTheStateCameFrom
    QTest::addColumn<QString>("language");
    for (const char* language : {"en", "ja"})
        for (const int width : {1016, 836, 720})
            QTest::addRow("%s %d", language, width) << width << QString::fromLatin1(language);
}

void TestCutTextsPages::diskSpaceNoteBeforeARereadIsNotCut() {
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
void TestCutTextsPages::emptyModelsFolderSaysSo_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("hintPart");
    QTest::newRow("en") << "en" << QStringLiteral("No models yet");
    QTest::newRow("zh_CN") << "zh_CN" << QStringLiteral("还没有模型");
}

void TestCutTextsPages::emptyModelsFolderSaysSo() {
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

void TestCutTextsPages::modelCardsFitTextIsNotLeftACharacterALine_data() {
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
void TestCutTextsPages::modelCardsFitTextIsNotLeftACharacterALine() {
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
void TestCutTextsPages::rightToLeftTitleKeepsTheSentenceInOrder_data() {
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

void TestCutTextsPages::rightToLeftTitleKeepsTheSentenceInOrder() {
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
void TestCutTextsPages::importNoteIsDrawnAsASuccess_data() {
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("note");
    QTest::newRow("renamed") << QStringLiteral("mine.gguf was imported as mine (2).gguf: the models folder already has "
                                               "another file named mine.gguf.")
                             << true;
    QTest::newRow("refused") << QStringLiteral("notes.txt is not a model file (.pth, .gguf, .st, .safetensors or .bin).")
                             << false;
}

void TestCutTextsPages::importNoteIsDrawnAsASuccess() {
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

void TestCutTextsPages::modelsPageLabelsFollowALanguageSwitch_data() {
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("labels");  // the label column's words in `to`
    QTest::newRow("zh_CN to en") << "zh_CN" << "en" << QStringList{"Models folder", "Download from"};
    QTest::newRow("en to zh_CN") << "en" << "zh_CN" << QStringList{"模型文件夹", "下载来源"};
}

// Session 39's trial: the Models page laid out in 简体中文, then Settings → American English: the labels' column kept
// the Chinese words' width, "Models folder" under the folder's path and "Download fr" under the combo box (a fresh
// English start was fine). Each label whole, left of what its row shows, at the drawer's 760 px (1,100 px window).
void TestCutTextsPages::modelsPageLabelsFollowALanguageSwitch() {
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

QTEST_MAIN(TestCutTextsPages)
#include "test_cut_texts_pages.moc"
