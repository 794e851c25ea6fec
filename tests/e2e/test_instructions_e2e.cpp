// test_instructions_e2e.cpp — a new chat's instructions in the real rwkv-desktop window (under Xvfb, see
// desktop_process.h): a new chat with none offers "Add instructions…" at its top (InstructionsLine.qml), reached with
// Shift+Tab from the message box, in English and Chinese; what is typed in its dialog is shown there at once, stays over
// Ctrl+N before the first message (the same new chat, as its draft), is the chat's instructions when that message creates
// it, and the next new chat offers "Add instructions…" again. With Settings' instructions for new chats, the line shows
// them and an edit there changes this chat's alone. Before session 46, a new chat without Settings' instructions had no
// way to get any before its first message: the line was hidden and "⋯" comes with the chat. The starting state's
// dialog, opened from the line under it ("Add a starting state…"), opens where the last state file was.
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <array>

#include "desktop_process.h"
#include "long_conversation.h"
#include "store/conversation_store.h"
#include "window_checks.h"

class TestInstructionsE2e : public QObject {
    Q_OBJECT

private slots:
    void newChatOffersToAddInstructions();
    void typedInstructionsAreTheNewChatsOwn();
    void pasteOverTheLimitIsRefusedWithANote();
    void startingStateDialogOpensWhereTheLastStateFileWas();
};

namespace {

using rwkv::e2e::hookLine;
using Run = rwkv::e2e::DesktopRun;

/// `word` typed letter by letter as --keys (lower case; a space as Space).
QString typed(const QString& word) {
    QStringList keys;
    for (const QChar c : word) keys << (c == u' ' ? QStringLiteral("Space") : QString(c.toUpper()));
    return keys.join(u',');
}

/// The conversations of the data folder `dir`: title → instructions.
QMap<QString, QString> instructionsByTitle(const QString& dir) {
    rwkv::store::ConversationStore store(QDir(dir).filePath(QStringLiteral("conversations.sqlite")));
    QMap<QString, QString> found;
    for (const auto& c : store.listConversations()) found.insert(c.title, store.conversation(c.id)->system_prompt);
    return found;
}

/// A chat "Paste source" with instructions "Be brief." and one question whose reply is a log of about `size`
/// characters, in the data folder `dir`: the id of that reply (its Copy puts the log on the clipboard).
qint64 chatWithALongReply(const QString& dir, qsizetype size, QString* log) {
    rwkv::store::ConversationStore store(QDir(dir).filePath(QStringLiteral("conversations.sqlite")));
    const qint64 id = store.createConversation(QStringLiteral("Paste source"), QStringLiteral("Be brief."));
    for (int i = 0; log->size() < size; ++i)
        *log += QStringLiteral("[%1] kernel: usb 1-%2: new device found\n").arg(i * 0.013, 0, 'f', 3).arg(i % 9);
    const qint64 question = store.addMessage(id, 0, rwkv::store::Role::User, QStringLiteral("Show me the log."));
    return store.addMessage(id, question, rwkv::store::Role::Assistant, *log);
}

/// `path` as --keys: a key per character (Shift+X for a capital), as a person types it.
QString typedPath(const QString& path) {
    QStringList keys;
    for (const QChar c : path) keys << (c.isUpper() ? QStringLiteral("Shift+") + c : QString(c));
    return keys.join(u',');
}

}  // namespace

// An empty library's new chat: "Add instructions…" above the (empty) messages, the second stop of Shift+Tab from the
// message box (the first: "Add a starting state…" under it, since session 48), its keyboard focus drawn; in 简体中文
// too. Before, no line (the hook printed no "instructions line").
void TestInstructionsE2e::newChatOffersToAddInstructions() {
    rwkv::e2e::StartFolders en, zh;
    QVERIFY(en.isValid() && zh.isValid());
    const QString enPng = en.filePath(QStringLiteral("add-en.png")), zhPng = zh.filePath(QStringLiteral("add-zh.png"));
    const QList<Run> runs = rwkv::e2e::runDesktopsAtOnce(
        {en.start({QStringLiteral("--data-dir"), en.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                   QStringLiteral("--keys"), QStringLiteral("Shift+Tab,Shift+Tab"), QStringLiteral("--screenshot"), enPng}),
         zh.start({QStringLiteral("--data-dir"), zh.path(), QStringLiteral("--lang"), QStringLiteral("zh_CN"),
                   QStringLiteral("--keys"), QStringLiteral("Shift+Tab,Shift+Tab"), QStringLiteral("--screenshot"), zhPng})});
    for (const Run& r : runs) {
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus: instructionsLine\n")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("\nactive focus drawn: yes\n")), qPrintable(r.out));
        QVERIFY2(rwkv::e2e::qmlWarnings(r.err).isEmpty(), qPrintable(r.err));
    }
    QCOMPARE(hookLine(runs[0].out, QStringLiteral("instructions line")), QStringLiteral("Add instructions…"));
    QCOMPARE(hookLine(runs[1].out, QStringLiteral("instructions line")), QStringLiteral("添加指令…"));
    QCOMPARE(hookLine(runs[0].out, QStringLiteral("start state line")), QStringLiteral("Add a starting state…"));
    QCOMPARE(hookLine(runs[1].out, QStringLiteral("start state line")), QStringLiteral("添加起始状态…"));
    rwkv::e2e::keepScreenshot(enPng, QStringLiteral("instructions-add-en.png"));
    rwkv::e2e::keepScreenshot(zhPng, QStringLiteral("instructions-add-zh_CN.png"));
}

// Three starts side by side:
// - typed, then sent: the line says them at once; the first message creates the chat with them, and Ctrl+N after it
//   offers "Add instructions…" again (they do not go on to the next new chat);
// - typed, then Ctrl+N before any message: still this new chat's (Ctrl+N on a new chat not sent keeps it, box and all);
// - Settings' "Be kind." for new chats: the line shows them; Ctrl+A and "pirate" there change this chat's alone.
void TestInstructionsE2e::typedInstructionsAreTheNewChatsOwn() {
    rwkv::e2e::StartFolders sent, kept, settings;
    QVERIFY(sent.isValid() && kept.isValid() && settings.isValid());
    QVERIFY(QDir(settings.config.path()).mkpath(QStringLiteral("rwkv-desktop")));
    const QString conf = QDir(settings.config.path()).filePath(QStringLiteral("rwkv-desktop/rwkv-desktop.conf"));
    QSettings(conf, QSettings::IniFormat).setValue(QStringLiteral("chat/newChatInstructions"), QStringLiteral("Be kind."));
    const QString edit = QStringLiteral("Click:instructionsLine,%1,Click:instructionsOkButton");
    const QString sentPng = sent.filePath(QStringLiteral("sent.png")), keptPng = kept.filePath(QStringLiteral("kept.png")),
                  settingsPng = settings.filePath(QStringLiteral("settings.png"));
    const QList<Run> runs = rwkv::e2e::runDesktopsAtOnce(
        {sent.start({QStringLiteral("--data-dir"), sent.path(), QStringLiteral("--keys"),
                     edit.arg(typed(QStringLiteral("be brief"))) + QStringLiteral(",Click:messageInput,") +
                         typed(QStringLiteral("hello")) + QStringLiteral(",Return,Wait:300,Shortcut:Ctrl+N"),
                     QStringLiteral("--screenshot"), sentPng}),
         kept.start({QStringLiteral("--data-dir"), kept.path(), QStringLiteral("--keys"),
                     edit.arg(typed(QStringLiteral("you translate"))) + QStringLiteral(",Shortcut:Ctrl+N"),
                     QStringLiteral("--screenshot"), keptPng}),
         settings.start({QStringLiteral("--data-dir"), settings.path(), QStringLiteral("--keys"),
                         edit.arg(QStringLiteral("Ctrl+A,") + typed(QStringLiteral("pirate"))),
                         QStringLiteral("--screenshot"), settingsPng})});
    for (const Run& r : runs) {
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY2(rwkv::e2e::qmlWarnings(r.err).isEmpty(), qPrintable(r.err));
    }
    // Sent: the chat "hello" has them; the next new chat offers to add some.
    QCOMPARE(instructionsByTitle(sent.path()), (QMap<QString, QString>{{QStringLiteral("hello"), QStringLiteral("be brief")}}));
    QCOMPARE(hookLine(runs[0].out, QStringLiteral("instructions line")), QStringLiteral("Add instructions…"));
    // Ctrl+N before any message: kept, shown; no chat made.
    QCOMPARE(hookLine(runs[1].out, QStringLiteral("instructions line")), QStringLiteral("Instructions: \u2068you translate\u2069"));
    QVERIFY(instructionsByTitle(kept.path()).isEmpty());
    // Settings' shown, changed for this chat alone.
    QCOMPARE(hookLine(runs[2].out, QStringLiteral("instructions line")), QStringLiteral("Instructions: \u2068pirate\u2069"));
    QCOMPARE(QSettings(conf, QSettings::IniFormat).value(QStringLiteral("chat/newChatInstructions")).toString(),
             QStringLiteral("Be kind."));
    rwkv::e2e::keepScreenshot(keptPng, QStringLiteral("instructions-new-chat-kept.png"));
}

// Instructions hold at most 10,000 characters (app/core/instructions_limit.h). A 1 MB log copied and pasted into the
// dialog (Ctrl+V) is refused before it reaches the field: the field keeps "Be brief." and the line under it says why,
// with the paste's size; OK then keeps the old instructions. A paste that fits still goes in, and OK (or Cancel) hands
// the keyboard back to the message box. Before session 47 the paste went in whole (~20 s of a frozen window, 889 MB),
// and after OK the focus stayed on the instructions line that opened the dialog.
void TestInstructionsE2e::pasteOverTheLimitIsRefusedWithANote() {
    rwkv::e2e::StartFolders refused, kept, fits;
    QVERIFY(refused.isValid() && kept.isValid() && fits.isValid());
    QString log;
    const qint64 reply = chatWithALongReply(refused.path(), 1'000'000, &log);
    QString log2, log3;
    QCOMPARE(chatWithALongReply(kept.path(), 1'000'000, &log2), reply);
    QCOMPARE(chatWithALongReply(fits.path(), 9'000, &log3), reply);
    const QString paste = QStringLiteral("Click:copyButton-%1,Click:instructionsLine,Ctrl+V").arg(reply);
    const QString refusedPng = refused.filePath(QStringLiteral("refused.png"));
    const QList<Run> runs = rwkv::e2e::runDesktopsAtOnce(
        {refused.start({QStringLiteral("--data-dir"), refused.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                        QStringLiteral("--keys"), paste,
                        QStringLiteral("--screenshot"), refusedPng}),
         kept.start({QStringLiteral("--data-dir"), kept.path(), QStringLiteral("--keys"),
                     paste + QStringLiteral(",Click:instructionsOkButton"), QStringLiteral("--screenshot"),
                     kept.filePath(QStringLiteral("kept.png"))}),
         fits.start({QStringLiteral("--data-dir"), fits.path(), QStringLiteral("--keys"),
                     paste + QStringLiteral(",Click:instructionsOkButton"), QStringLiteral("--screenshot"),
                     fits.filePath(QStringLiteral("fits.png"))})},
        240000);
    for (const Run& r : runs) {
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out.left(3000), r.err)));
        QVERIFY2(rwkv::e2e::qmlWarnings(r.err).isEmpty(), qPrintable(r.err));
    }
    QCOMPARE(hookLine(runs[0].out, QStringLiteral("instructions field")), QStringLiteral("9 characters"));
    QCOMPARE(hookLine(runs[0].out, QStringLiteral("instructions note")),
             QStringLiteral("Not pasted: the %1 characters on the clipboard would make these instructions longer "
                            "than 10,000. A long text for the model to read goes in a message.")
                 .arg(QLocale(QLocale::English).toString(log.size())));
    QCOMPARE(hookLine(runs[0].out, QStringLiteral("active focus")), QStringLiteral("instructionsField"));
    // OK after the refused paste: the old instructions, the message box focused.
    QCOMPARE(instructionsByTitle(kept.path()), (QMap<QString, QString>{{QStringLiteral("Paste source"), QStringLiteral("Be brief.")}}));
    QCOMPARE(hookLine(runs[1].out, QStringLiteral("active focus")), QStringLiteral("messageInput"));
    // A paste that fits goes in after "Be brief." (the cursor at its end).
    QCOMPARE(instructionsByTitle(fits.path()),
             (QMap<QString, QString>{{QStringLiteral("Paste source"), QStringLiteral("Be brief.") + log3}}));
    QCOMPARE(hookLine(runs[2].out, QStringLiteral("active focus")), QStringLiteral("messageInput"));
    rwkv::e2e::keepScreenshot(refusedPng, QStringLiteral("instructions-paste-refused.png"));
}


// The new chat's "Add a starting state…" opens its file dialog in the folder of the state file chosen last (Settings'
// files/lastStartStateFolder, kept when a file is chosen: here one typed after Ctrl+L, refused as no state-tuning file
// but remembered), else in the data folder's states/ (imported starting states), else in the home folder. Before
// (session 58's loose ends) it opened in the folder the app was started from ("dialog folder: …/start") every time.
void TestInstructionsE2e::startingStateDialogOpensWhereTheLastStateFileWas() {
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/ss-XXXXXX"));
    QVERIFY(dir.isValid());
    QVERIFY2(!dir.path().contains(u','), qPrintable(dir.path()));  // --keys are separated by commas
    const QDir root(dir.path());
    for (const char* folder : {"start", "home", "last", "picked"}) QVERIFY(root.mkpath(QString::fromLatin1(folder)));
    const QString picked = root.filePath(QStringLiteral("picked/tuned.pth"));
    QFile file(picked);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write("not a state") > 0);
    file.close();
    std::array<rwkv::e2e::StartFolders, 4> f;  // states/ in the data folder; none; a last folder kept; a file chosen
    QVERIFY(QDir(f[0].path()).mkpath(QStringLiteral("states")));
    QVERIFY(QDir(f[2].path()).mkpath(QStringLiteral("states")));  // the last folder comes first
    QVERIFY(QDir(f[2].config.path()).mkpath(QStringLiteral("rwkv-desktop")));
    QSettings(QDir(f[2].config.path()).filePath(QStringLiteral("rwkv-desktop/rwkv-desktop.conf")), QSettings::IniFormat)
        .setValue(QStringLiteral("files/lastStartStateFolder"), root.filePath(QStringLiteral("last")));
    const QStringList keys{QStringLiteral("Click:startStateLine"), QStringLiteral("Click:startStateLine"),
                           QStringLiteral("Click:startStateLine"),
                           QStringLiteral("Click:startStateLine,Shortcut:Ctrl+L,") + typedPath(picked) +
                               QStringLiteral(",Return,Wait:300,Click:startStateLine")};
    QList<rwkv::e2e::DesktopStart> starts;
    for (int i = 0; i < 4; ++i) {
        QVERIFY(f[i].isValid());
        starts << f[i].start({QStringLiteral("--data-dir"), f[i].path(), QStringLiteral("--lang"), QStringLiteral("en"),
                              QStringLiteral("--keys"), keys[i], QStringLiteral("--screenshot"),
                              f[i].filePath(QStringLiteral("dialog.png"))});
        starts.last().workingDirectory = root.filePath(QStringLiteral("start"));
        starts.last().environment.insert(QStringLiteral("HOME"), root.filePath(QStringLiteral("home")));
    }
    const QList<Run> runs = rwkv::e2e::runDesktopsAtOnce(starts);
    const QStringList shown{QDir(f[0].path()).filePath(QStringLiteral("states")), root.filePath(QStringLiteral("home")),
                            root.filePath(QStringLiteral("last")), root.filePath(QStringLiteral("picked"))};
    for (int i = 0; i < 4; ++i) {
        const Run& r = runs[i];
        QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1\n%2\n%3").arg(r.exitCode).arg(r.out, r.err)));
        QCOMPARE(hookLine(r.out, QStringLiteral("dialog folder")), shown[i]);
    }
    QVERIFY2(hookLine(runs[3].out, QStringLiteral("error banner")).contains(QStringLiteral("tuned.pth\u2069 cannot be a starting state")),
             qPrintable(runs[3].out));
    rwkv::e2e::keepScreenshot(f[0].filePath(QStringLiteral("dialog.png")), QStringLiteral("start-state-dialog-states.png"));
    rwkv::e2e::keepScreenshot(f[3].filePath(QStringLiteral("dialog.png")), QStringLiteral("start-state-dialog-picked.png"));
}

QTEST_GUILESS_MAIN(TestInstructionsE2e)
#include "test_instructions_e2e.moc"
