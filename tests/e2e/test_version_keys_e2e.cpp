// test_version_keys_e2e.cpp — the version switcher (‹ k/N ›, BranchSwitcher.qml) and "3 replies" used with the keyboard
// in the real rwkv-desktop window (under Xvfb, see desktop_process.h), and where ‹ ›'s tooltips lie. ‹ › and "3 replies"
// show another version, whose row is made anew: the focus went with the old row to the message box, and a second Space
// typed a space there instead of stepping again (session 51's trial2). App: app/gui/qml/MessageView.qml (refocus).
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include "desktop_process.h"
#include "keys_conversation.h"
#include "store/conversation_store.h"

#include <array>

class TestVersionKeysE2e : public QObject {
    Q_OBJECT

private slots:
    void spaceStepsAgainOnTheArrowPressed();
    void spaceStepsAmongTheVersionsThreeRepliesWrites();
    void versionTooltipLiesBelowItsArrow();
};

namespace {

using Run = rwkv::e2e::DesktopRun;
using Folders = rwkv::e2e::StartFolders;
using rwkv::e2e::focusAfterEachKey;
using rwkv::e2e::hookValue;
using rwkv::e2e::times;

/// A conversation "Versions": Hello and three versions of its reply, the first shown (‹ 1/3 ›), in the database of
/// `dataDir`; returns its id and the replies' ids, oldest first.
std::pair<qint64, std::array<qint64, 3>> seedVersions(const QString& dataDir) {
    rwkv::store::ConversationStore store(QDir(dataDir).filePath(QStringLiteral("conversations.sqlite")));
    const qint64 id = store.createConversation(QStringLiteral("Versions"));
    const qint64 user = store.addMessage(id, 0, rwkv::store::Role::User, QStringLiteral("Hello"));
    std::array<qint64, 3> replies{};
    for (int i = 0; i < 3; ++i)
        replies[size_t(i)] =
            store.addMessage(id, user, rwkv::store::Role::Assistant, QStringLiteral("Reply version %1").arg(i + 1));
    store.setViewedBranch(id, replies[0]);
    return {id, replies};
}

}  // namespace

// Shift+Tab from the message box past the reply's Copy, New chat from here, 3 replies and Regenerate reaches › (‹ is
// off at 1/3). Space, Space: 3/3, the focus on the new row's ‹ (› is off there), the message box empty. Before, the
// first Space showed 2/3 and gave the message box the focus, and the second typed a space there (1 character, 2/3).
// A third Space, on ‹: back to 2/3, the focus still on ‹.
void TestVersionKeysE2e::spaceStepsAgainOnTheArrowPressed() {
    const Folders dirs[2];
    QVERIFY(dirs[0].isValid() && dirs[1].isValid());
    const auto [id0, r] = seedVersions(dirs[0].path());
    const auto [id1, r1] = seedVersions(dirs[1].path());
    QCOMPARE(r1, r);  // the same ids in both folders
    const auto start = [&](const Folders& dir, qint64 id, int spaces) {
        return dir.start({QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"),
                          QStringLiteral("--select"), QString::number(id), QStringLiteral("--keys"),
                          times(5, QStringLiteral("Shift+Tab")) + u',' + times(spaces, QStringLiteral("Space")),
                          QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("keys.png"))});
    };
    const QList<Run> runs = rwkv::e2e::runDesktopsAtOnce({start(dirs[0], id0, 2), start(dirs[1], id1, 3)});
    const Run& twice = runs[0];
    QVERIFY2(twice.exitCode == 0, qPrintable(twice.out + twice.err));
    const QStringList focus = focusAfterEachKey(twice.out);  // after each key
    QVERIFY2(focus.size() == 7, qPrintable(twice.out));
    QCOMPARE(focus[4], QStringLiteral("nextVersionButton-%1").arg(r[0]));
    QCOMPARE(focus[5], QStringLiteral("nextVersionButton-%1").arg(r[1]));
    QCOMPARE(focus[6], QStringLiteral("previousVersionButton-%1").arg(r[2]));
    QCOMPARE(hookValue(twice.out, QStringLiteral("versions drawn")), QStringLiteral("1: 3/3"));
    QCOMPARE(hookValue(twice.out, QStringLiteral("message box")), QStringLiteral("0 characters"));
    QCOMPARE(hookValue(twice.out, QStringLiteral("active focus drawn")), QStringLiteral("yes"));
    const Run& back = runs[1];
    QVERIFY2(back.exitCode == 0, qPrintable(back.out + back.err));
    QCOMPARE(hookValue(back.out, QStringLiteral("versions drawn")), QStringLiteral("1: 2/3"));
    QCOMPARE(hookValue(back.out, QStringLiteral("active focus")), QStringLiteral("previousVersionButton-%1").arg(r[1]));
    QCOMPARE(hookValue(back.out, QStringLiteral("message box")), QStringLiteral("0 characters"));
}

// Shift+Tab three times to 3 replies, Space: the versions are written, ‹ 2/4 › under the one shown, and the focus goes
// to its › once its row is there; Space again shows the next one (3/4), the message box empty. Before, the focus went
// to the message box and the second Space typed there (2/4, 1 character).
void TestVersionKeysE2e::spaceStepsAmongTheVersionsThreeRepliesWrites() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const auto [id, reply] = rwkv::e2e::seedKeysConversation(dir.path());
    const Run r = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--select"),
         QString::number(id), QStringLiteral("--reply-pace"), QStringLiteral("40"), QStringLiteral("--keys"),
         times(3, QStringLiteral("Shift+Tab")) + QStringLiteral(",Space,Wait:2000,Space,Wait:300"),
         QStringLiteral("--screenshot"), dir.filePath(QStringLiteral("several.png"))},
        180000, false, config.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(hookValue(r.out, QStringLiteral("versions drawn")), QStringLiteral("1: 3/4 writing"));
    QCOMPARE(hookValue(r.out, QStringLiteral("message box")), QStringLiteral("0 characters"));
    QVERIFY2(hookValue(r.out, QStringLiteral("active focus")).startsWith(QStringLiteral("nextVersionButton-")),
             qPrintable(r.out));
    QVERIFY(hookValue(r.out, QStringLiteral("active focus")) != QStringLiteral("nextVersionButton-%1").arg(reply));
}

// The pointer moved onto ›: "Next version" shows below it, not above, where the version being written streams (at
// 960 px it covered those words, session 51's trial2). Before: "above its control".
void TestVersionKeysE2e::versionTooltipLiesBelowItsArrow() {
    QTemporaryDir dir, config;
    QVERIFY(dir.isValid() && config.isValid());
    const auto [id, r] = seedVersions(dir.path());
    const Run hovered = rwkv::e2e::runDesktop(
        {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--select"),
         QString::number(id), QStringLiteral("--keys"),
         QStringLiteral("Hover:nextVersionButton-%1,Wait:1200").arg(r[0]), QStringLiteral("--screenshot"),
         dir.filePath(QStringLiteral("tip.png"))},
        180000, false, config.path());
    QVERIFY2(hovered.exitCode == 0, qPrintable(hovered.out + hovered.err));
    QCOMPARE(hookValue(hovered.out, QStringLiteral("tooltip on screen")), QStringLiteral("Next version"));
    QCOMPARE(hookValue(hovered.out, QStringLiteral("tooltip on screen lies")), QStringLiteral("below its control"));
}

QTEST_MAIN(TestVersionKeysE2e)
#include "test_version_keys_e2e.moc"
