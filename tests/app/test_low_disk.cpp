// tests/app/test_low_disk.cpp — the start's warning that the data folder's disk has no room for a reply (low_disk.h):
// the threshold (the model's state + 1 MiB) and the sentence. The window's banner: tests/e2e/test_full_disk_e2e.cpp
// (almostFullDiskIsSaidAtStart, a filled tmpfs).
#include "low_disk.h"

#include <QTemporaryDir>
#include <QTest>

using namespace rwkv::app;

class TestLowDisk : public QObject {
    Q_OBJECT

private slots:
    void saidBelowWhatAReplyNeeds();
};

// The demo model's state (12 layers × (2 × 64 + 64 × 64) floats, 202,752 bytes) + 1 MiB = 1,251,328 bytes: one byte
// less free is said, with both amounts; that much or more, or an unknown amount, is not.
void TestLowDisk::saidBelowWhatAReplyNeeds() {
    constexpr qint64 state = 202752;
    QCOMPARE(replyNeedsBytes(state), qint64(1251328));
    QCOMPARE(replyNeedsBytes(-1), kReplyMarginBytes);  // no model: the margin alone
    QCOMPARE(lowDiskText(QStringLiteral("/d"), 1251328, state), QString());
    QCOMPARE(lowDiskText(QStringLiteral("/d"), -1, state), QString());
    QCOMPARE(lowDiskText(QStringLiteral("/d"), 1251327, state),
             QStringLiteral("The disk of the data folder /d is almost full (1.25 MB free; a reply needs up to 1.25 MB): "
                            "new messages may not be saved. Free some space, or start with --data-dir on another disk."));
    QCOMPARE(lowDiskText(QStringLiteral("/d"), 0, state),
             QStringLiteral("The disk of the data folder /d is almost full (0 B free; a reply needs up to 1.25 MB): new "
                            "messages may not be saved. Free some space, or start with --data-dir on another disk."));
    QTemporaryDir dir;  // this machine's disk has room for a reply: nothing to say
    QCOMPARE(lowDiskNotice(dir.path(), state), QString());
}

QTEST_GUILESS_MAIN(TestLowDisk)
#include "test_low_disk.moc"
