// test_drafts.cpp — the unsent text of each chat's message box (AppSettings::draft / setDraft / draftKept over
// DraftStore): per chat and per database across a restart, a full disk said and never costing the settings or the
// drafts kept before, the move from the settings keys of sessions 33-34, an unreadable drafts file kept aside.
// Code: app/core/draft_store.*, app/core/app_settings.*. The full-disk cases mount a 64 KiB tmpfs (root only; skipped
// otherwise).
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/mount.h>
#include <sys/stat.h>

#include "app_settings.h"
#include "as_another_user.h"

using namespace rwkv::app;

class TestDrafts : public QObject {
    Q_OBJECT

private slots:
    void draftsArePerChatAndPerDatabase();
    void draftNotKeptOnAFullDiskIsReported();
    void settingsSurviveADraftThatDoesNotFit();
    void draftsOfTheSettingsFileMoveToTheDraftsFile();
    void unreadableDraftsFileIsKeptAside();
    void draftNotKeptIsRememberedPerChat();
    void draftNotKeptSaysWhy();
    void draftsOfChatsGoneAreDropped();
    void heldPartOfADraftIsKept();

private:
    QString file() const { return tmp_.filePath(QStringLiteral("settings.ini")); }
    QTemporaryDir tmp_;
};

// A chat's unsent text (Composer.qml keeps it; session 33's trial, LOW: a message a full disk refused was lost at quit):
// read back after a restart, one per chat and per database (a chat 3 of another data folder is another chat), and gone
// once the box is empty (a message sent).
void TestDrafts::draftsArePerChatAndPerDatabase() {
    const QString text = QStringLiteral("The quarterly numbers, line 1\nline 2 = \"quoted\" ; [group]/key");
    qint64 savedAt = 0;  // when it was typed (main.cpp: the new chat's opens at start only if newer than any chat's use)
    {
        AppSettings s(file());
        s.setActiveDataDir(QStringLiteral("/data/a"));
        QCOMPARE(s.draft(3), QString());
        QCOMPARE(s.draftSavedAt(3), qint64(0));
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        s.setDraft(3, text);
        savedAt = s.draftSavedAt(3);
        QVERIFY(savedAt >= before && savedAt <= QDateTime::currentMSecsSinceEpoch());
        QTest::qWait(5);
        s.setDraft(3, text);  // saved again unchanged (another chat opened, the quit): the time stays
        QCOMPARE(s.draftSavedAt(3), savedAt);
        s.setDraft(0, QStringLiteral("new chat"));
        QCOMPARE(s.draft(3), text);
    }
    AppSettings s(file());  // a restart
    s.setActiveDataDir(QStringLiteral("/data/a"));
    QCOMPARE(s.draft(3), text);
    QCOMPARE(s.draftSavedAt(3), savedAt);
    QCOMPARE(s.draft(0), QStringLiteral("new chat"));
    QCOMPARE(s.draft(4), QString());
    AppSettings other(file());
    other.setActiveDataDir(QStringLiteral("/data/b"));
    QCOMPARE(other.draft(3), QString());
    s.setDraft(3, QStringLiteral(" \n "));  // blanks only: removed
    QCOMPARE(s.draft(3), QString());
    s.setDraft(0, QString());
    QCOMPARE(s.draft(0), QString());
    QSettings raw(file(), QSettings::IniFormat);
    raw.beginGroup(QStringLiteral("drafts"));
    QCOMPARE(raw.allKeys(), QStringList());  // nothing left behind
}

namespace {

/// A 64 KiB tmpfs mounted at DIR/disk for one test (root only) and unmounted when the test ends; path() is empty
/// when it could not be mounted (the test skips).
class SmallDisk {
public:
    explicit SmallDisk(const QTemporaryDir& dir) {
        const QString disk = dir.filePath(QStringLiteral("disk"));
        if (QDir().mkpath(disk) && ::mount("tmpfs", disk.toLocal8Bit().constData(), "tmpfs", 0, "size=64k") == 0)
            path_ = disk;
    }
    ~SmallDisk() {
        if (!path_.isEmpty()) ::umount2(path_.toLocal8Bit().constData(), MNT_DETACH);
    }
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;
    QString path() const { return path_; }

private:
    QString path_;
};

}  // namespace

// The settings file on a full disk (session 34's trial, MED: the home folder's disk full, a draft typed then the app
// quit: the settings file was left empty or with the draft before it, and nothing was said). Qt 6.4's QSettings writes
// a cut or empty file there and its status() still says NoError. The drafts file is written whole or not at all, and
// setDraft says false when it was not, so the composer can tell the user while the text is on screen; once there is
// room again, the next save says true.
void TestDrafts::draftNotKeptOnAFullDiskIsReported() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const SmallDisk tmpfs(dir);
    const QString disk = tmpfs.path();
    if (disk.isEmpty()) QSKIP("mounting a 64 KiB tmpfs needs root (or CAP_SYS_ADMIN); not here");
    const QString conf = disk + QStringLiteral("/rwkv-desktop.conf");
    QFile filler(disk + QStringLiteral("/filler"));
    QVERIFY(filler.open(QIODevice::WriteOnly));
    QCOMPARE(filler.write(QByteArray(40 * 1024, 'f')), qint64(40 * 1024));
    filler.close();

    const QString small = QStringLiteral("a short note");
    const QString large(30000, u'x');  // 30 KB: more than the ~24 KB left
    {
        AppSettings s(conf);
        s.setActiveDataDir(QStringLiteral("/data/a"));
        QVERIFY(s.setDraft(3, small));
        QVERIFY(!s.setDraft(3, large));  // was void; the file held a cut draft (or none) and nothing said so
        QCOMPARE(s.draft(3), large);     // what this run shows is still there, for the user to copy
        QCOMPARE(s.draftProblem().value(QStringLiteral("kind")).toString(), QStringLiteral("diskFull"));
    }
    // What a restart would read: not the large draft.
    const auto onDisk = [&] {
        QFile f(disk + QStringLiteral("/rwkv-desktop-drafts.json"));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    QVERIFY(onDisk().contains("a short note"));  // the draft before it, whole
    QVERIFY(!onDisk().contains(large.toLatin1()));
    QVERIFY(filler.remove());  // room again: the next save is kept and says so
    {
        AppSettings s(conf);
        s.setActiveDataDir(QStringLiteral("/data/a"));
        QVERIFY(s.setDraft(3, large));
        QVERIFY(onDisk().contains(large.toLatin1()));
        QVERIFY(s.setDraft(3, QString()));  // sent: removed, and the file says so
    }
    QVERIFY(!onDisk().contains("xxxx"));
}


static QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// app1's finding in session 35: with the drafts in the settings file, a 9,000-character draft saved with 4 KiB left
// on the disk made Qt 6.4's QSettings write the settings file empty (NoError): the language, the theme and every other
// chat's draft gone. The drafts have a file of their own now, written all or nothing: the settings file is not written
// by a draft at all, and the drafts file keeps the drafts it held.
void TestDrafts::settingsSurviveADraftThatDoesNotFit() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const SmallDisk tmpfs(dir);
    const QString disk = tmpfs.path();
    if (disk.isEmpty()) QSKIP("mounting a 64 KiB tmpfs needs root (or CAP_SYS_ADMIN); not here");
    const QString conf = disk + QStringLiteral("/rwkv-desktop.conf");
    {
        AppSettings s(conf);
        s.setTheme(QStringLiteral("dark"));
        s.setLanguage(QStringLiteral("zh_CN"));
        s.setActiveDataDir(QStringLiteral("/data/a"));
        QVERIFY(s.setDraft(1, QStringLiteral("chat one's note")));
    }
    const QByteArray settingsBefore = fileBytes(conf);
    QVERIFY(settingsBefore.contains("theme=dark"));
    // Fill the disk in 4 KiB pieces, then give one back: one page free.
    int pieces = 0;
    for (;; ++pieces) {
        QFile piece(disk + QStringLiteral("/fill%1").arg(pieces));
        if (!piece.open(QIODevice::WriteOnly) || piece.write(QByteArray(4096, 'f')) != 4096 || !piece.flush()) break;
    }
    QVERIFY(pieces > 0);
    QVERIFY(QFile::remove(disk + QStringLiteral("/fill0")));
    const QString large(9000, u'x');
    {
        AppSettings s(conf);
        s.setActiveDataDir(QStringLiteral("/data/a"));
        QVERIFY(!s.setDraft(2, large));  // does not fit: said
        QCOMPARE(s.draft(2), large);     // still there for this run
        QCOMPARE(s.draft(1), QStringLiteral("chat one's note"));
    }
    QCOMPARE(fileBytes(conf), settingsBefore);  // the settings file untouched (it was written empty before)
    AppSettings restart(conf);
    restart.setActiveDataDir(QStringLiteral("/data/a"));
    QCOMPARE(restart.theme(), QStringLiteral("dark"));
    QCOMPARE(restart.language(), QStringLiteral("zh_CN"));
    QCOMPARE(restart.draft(1), QStringLiteral("chat one's note"));  // the drafts file as it was, whole
    QCOMPARE(restart.draft(2), QString());
}

// Sessions 33-34 kept drafts as settings keys (drafts/<database>/<id>): the first start moves them to the drafts file
// and removes the keys. Keys left behind later (a settings file that could not be written at that start) are not taken
// over again once the drafts file exists: a draft sent since came back at every start (session 35's check, LOW).
void TestDrafts::draftsOfTheSettingsFileMoveToTheDraftsFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString conf = dir.filePath(QStringLiteral("rwkv-desktop.conf"));
    QString database;  // the key of /data/a's database, as a drafts file of another settings folder names it
    {
        QTemporaryDir other;
        AppSettings s(other.filePath(QStringLiteral("x.conf")));
        s.setActiveDataDir(QStringLiteral("/data/a"));
        QVERIFY(s.setDraft(5, QStringLiteral("x")));
        database = QJsonDocument::fromJson(fileBytes(s.draftsFileName())).object().value(u"drafts").toObject().keys().value(0);
    }
    QCOMPARE(database.size(), 16);
    {
        QSettings old(conf, QSettings::IniFormat);  // what session 34's app wrote
        old.setValue(QStringLiteral("drafts/%1/3").arg(database), QStringLiteral("typed in 0.34\nline 2 = [x]"));
        old.setValue(QStringLiteral("drafts/%1/0").arg(database), QStringLiteral("the new chat's"));
        old.setValue(QStringLiteral("ui/theme"), QStringLiteral("dark"));
    }
    {
        AppSettings s(conf);
        s.setActiveDataDir(QStringLiteral("/data/a"));
        QCOMPARE(s.draft(3), QStringLiteral("typed in 0.34\nline 2 = [x]"));
        QCOMPARE(s.draft(0), QStringLiteral("the new chat's"));
        QVERIFY(fileBytes(s.draftsFileName()).contains("typed in 0.34"));
        QVERIFY(s.setDraft(3, QString()));  // sent
    }
    {
        QSettings raw(conf, QSettings::IniFormat);
        QCOMPARE(raw.value(QStringLiteral("ui/theme")).toString(), QStringLiteral("dark"));
        raw.beginGroup(QStringLiteral("drafts"));
        QCOMPARE(raw.allKeys(), QStringList());
        raw.endGroup();
        raw.setValue(QStringLiteral("drafts/%1/3").arg(database), QStringLiteral("stale old draft"));  // left behind
    }
    AppSettings s(conf);
    s.setActiveDataDir(QStringLiteral("/data/a"));
    QCOMPARE(s.draft(3), QString());  // sent stays sent
    QCOMPARE(s.draft(0), QStringLiteral("the new chat's"));
    QVERIFY(!fileBytes(s.draftsFileName()).contains("stale"));
}

// A drafts file that is not the app's JSON (cut by hand, another program's) is not overwritten: it is kept aside as
// "….unreadable" and the app starts with no drafts.
void TestDrafts::unreadableDraftsFileIsKeptAside() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString conf = dir.filePath(QStringLiteral("rwkv-desktop.conf"));
    const QString drafts = dir.filePath(QStringLiteral("rwkv-desktop-drafts.json"));
    QFile f(drafts);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"drafts\": {\"ab\": {\"3\": \"cut her");
    f.close();
    AppSettings s(conf);
    s.setActiveDataDir(QStringLiteral("/data/a"));
    QCOMPARE(s.draft(3), QString());
    QCOMPARE(s.draftsFileName(), drafts);
    QCOMPARE(fileBytes(drafts + QStringLiteral(".unreadable")), QByteArray("{\"drafts\": {\"ab\": {\"3\": \"cut her"));
    QVERIFY(s.setDraft(3, QStringLiteral("new")));
    QCOMPARE(AppSettings(conf).draftsFileName(), drafts);
    QVERIFY(fileBytes(drafts).contains("\"new\""));
    // A second unreadable file is kept beside the first, never over it (session 35's check: the first was replaced).
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("{bad");
    f.close();
    AppSettings again(conf);
    QCOMPARE(fileBytes(drafts + QStringLiteral(".unreadable")), QByteArray("{\"drafts\": {\"ab\": {\"3\": \"cut her"));
    QCOMPARE(fileBytes(drafts + QStringLiteral(".unreadable-2")), QByteArray("{bad"));
    // Not a plain file: a folder (the composer said "the disk is full") and a FIFO (the start hung reading it) are set
    // aside unopened, and drafts are kept again (session 35's check).
    QDir(dir.path()).remove(QStringLiteral("rwkv-desktop-drafts.json"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("rwkv-desktop-drafts.json")));
    {
        AppSettings folder(conf);
        QVERIFY(folder.setDraft(3, QStringLiteral("kept")));
        QVERIFY(QFileInfo(drafts + QStringLiteral(".unreadable-3")).isDir());
    }
    QVERIFY(QFile::remove(drafts));
    QCOMPARE(::mkfifo(drafts.toLocal8Bit().constData(), 0600), 0);
    AppSettings fifo(conf);  // returns: nothing opened the FIFO
    QVERIFY(fifo.setDraft(3, QStringLiteral("kept too")));
    QCOMPARE(QFileInfo(drafts + QStringLiteral(".unreadable-4")).isFile(), false);
    QVERIFY(QFileInfo::exists(drafts + QStringLiteral(".unreadable-4")));
}

// Session 34's check (LOW): the note that a draft could not be kept went once another chat was opened and this one
// again, though the text was still not in the file. draftKept says per chat whether the drafts file holds its draft as
// draft() answers it, until a later write of the file that fits (another chat's, once there is room: the whole file is
// written) carries it there. unkeptDrafts lists the chats whose text a quit would lose (Main.qml asks about each:
// session 35's check, a chat left on a full disk lost its text at quit without a word).
void TestDrafts::draftNotKeptIsRememberedPerChat() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const SmallDisk tmpfs(dir);
    const QString disk = tmpfs.path();
    if (disk.isEmpty()) QSKIP("mounting a 64 KiB tmpfs needs root (or CAP_SYS_ADMIN); not here");
    const QString conf = disk + QStringLiteral("/rwkv-desktop.conf");
    QFile filler(disk + QStringLiteral("/filler"));
    QVERIFY(filler.open(QIODevice::WriteOnly));
    QCOMPARE(filler.write(QByteArray(40 * 1024, 'f')), qint64(40 * 1024));
    filler.close();

    const QString large(30000, u'x');  // more than the ~24 KB left
    AppSettings s(conf);
    s.setActiveDataDir(QStringLiteral("/data/a"));
    QVERIFY(s.draftKept(3));  // no draft: nothing to warn of
    QCOMPARE(s.unkeptDrafts(), QVariantList());
    QVERIFY(s.setDraft(3, QStringLiteral("a short note")));
    QVERIFY(s.draftKept(3));
    QVERIFY(!s.setDraft(3, large));
    QVERIFY(!s.draftKept(3));  // the chat opened again: still not kept (was: nothing to ask, the note gone)
    QVERIFY(s.draftKept(4));   // another chat's is not this one's
    QVERIFY(!s.setDraft(4, QString()));  // the new chat's empty box saved on the way: the file still cannot take 3's
    QVERIFY(!s.draftKept(3));
    QCOMPARE(s.unkeptDrafts(), QVariantList{qint64(3)});  // 4's removal unwritten loses no text
    QVERIFY(!s.setDraft(0, QStringLiteral("new chat's")));
    QCOMPARE(s.unkeptDrafts(), (QVariantList{qint64(0), qint64(3)}));
    QVERIFY(!fileBytes(s.draftsFileName()).contains(large.toLatin1()));
    AppSettings other(conf);
    other.setActiveDataDir(QStringLiteral("/data/b"));
    QVERIFY(other.draftKept(3));  // chat 3 of another database
    QCOMPARE(other.unkeptDrafts(), QVariantList());

    QVERIFY(filler.remove());  // room again: chat 4's save writes the whole file, chat 3's draft with it
    QVERIFY(s.setDraft(4, QStringLiteral("other chat")));
    QVERIFY(fileBytes(s.draftsFileName()).contains(large.toLatin1()));
    QVERIFY(s.draftKept(3));
    QVERIFY(s.draftKept(4));
    QCOMPARE(s.unkeptDrafts(), QVariantList());  // all of it in the file: a quit loses nothing, asks nothing
}

// Session 35's check: a drafts file that could not be written for another reason than a full disk (a file of mode
// 000, a folder without write permission, both for a user who is not root) was said to be on a full disk. Now
// draftProblem() names the kind (Main.qml words the note and the question at quit by it) and its reason: the app's
// translated words for this kind (the system's English showed in the Chinese question, session 36's check).
// Run as `nobody` when the test runs as root: root writes through permissions.
void TestDrafts::draftNotKeptSaysWhy() {
    const QByteArray seen = asAnotherUser([] {
        QByteArray out;
        QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/test_drafts-XXXXXX"));  // this user's own
        const auto say = [&out](const char* what, const AppSettings& s) {
            const QVariantMap p = s.draftProblem();
            out += QByteArray(what) + ": " + p.value(QStringLiteral("kind")).toString().toUtf8() + " (" +
                   p.value(QStringLiteral("reason")).toString().toUtf8() + ")\n";
        };
        // A drafts file of mode 000 in a folder that can be written.
        const QString modeless = dir.filePath(QStringLiteral("a"));
        QDir().mkpath(modeless);
        AppSettings a(modeless + QStringLiteral("/rwkv-desktop.conf"));
        a.setActiveDataDir(QStringLiteral("/data/a"));
        out += a.setDraft(3, QStringLiteral("kept")) ? "first kept\n" : "first not kept\n";
        say("after a kept draft", a);
        QFile::setPermissions(a.draftsFileName(), QFileDevice::Permissions());
        out += a.setDraft(3, QStringLiteral("not kept")) ? "mode 000 kept\n" : "mode 000 not kept\n";
        say("mode 000", a);
        out += a.draftKept(3) ? "mode 000 draftKept\n" : "mode 000 not draftKept\n";
        // A folder without write permission, no drafts file yet.
        const QString locked = dir.filePath(QStringLiteral("b"));
        QDir().mkpath(locked);
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        AppSettings b(locked + QStringLiteral("/rwkv-desktop.conf"));
        b.setActiveDataDir(QStringLiteral("/data/a"));
        out += b.setDraft(3, QStringLiteral("not kept")) ? "read-only folder kept\n" : "read-only folder not kept\n";
        say("read-only folder", b);
        QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        dir.remove();  // a child ends with _exit: no destructor runs
        return out;
    });
    QCOMPARE(QString::fromUtf8(seen), QStringLiteral("first kept\n"
                                                     "after a kept draft:  ()\n"
                                                     "mode 000 not kept\n"
                                                     "mode 000: noPermission (permission denied)\n"
                                                     "mode 000 not draftKept\n"
                                                     "read-only folder not kept\n"
                                                     "read-only folder: noPermission (permission denied)\n"));
    // Another reason: the drafts file's name longer than a file name may be (the settings file's own fits):
    // the whole file is written, then cannot take its name. Said with Qt's words, not as a full disk.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AppSettings s(dir.filePath(QString(255 - 6, u'n') + QStringLiteral(".conf")));
    s.setActiveDataDir(QStringLiteral("/data/a"));
    QCOMPARE(QFileInfo(s.draftsFileName()).fileName().toUtf8().size(), 255 - 6 + 12);
    QVERIFY(!s.setDraft(3, QStringLiteral("not kept")));
    const QVariantMap other = s.draftProblem();
    QCOMPARE(other.value(QStringLiteral("kind")).toString(), QStringLiteral("other"));
    QCOMPARE(other.value(QStringLiteral("file")).toString(), s.draftsFileName());
    QVERIFY2(other.value(QStringLiteral("reason")).toString().contains(QStringLiteral("File name too long")),
             qPrintable(other.value(QStringLiteral("reason")).toString()));
}

// The drafts of chats no longer in the library (purged from the trash, deleted by another build) are dropped at start
// (main.cpp: dropDraftsOfOtherChats with every chat listed or in the trash), from memory and from the file; the new
// chat's and another database's stay. Before, they stayed in the file for good (session 36's list).
void TestDrafts::draftsOfChatsGoneAreDropped() {
    {
        AppSettings s(file());
        s.setActiveDataDir(QStringLiteral("/data/a"));
        for (const qint64 id : {0, 3, 5, 9}) QVERIFY(s.setDraft(id, QStringLiteral("text of %1").arg(id)));
        AppSettings other(file());
        other.setActiveDataDir(QStringLiteral("/data/b"));
        QVERIFY(other.setDraft(5, QStringLiteral("b's 5")));
    }
    {
        AppSettings s(file());
        s.setActiveDataDir(QStringLiteral("/data/a"));
        QCOMPARE(s.dropDraftsOfOtherChats({3, 9, 12}), 1);  // 5: gone
        QCOMPARE(s.draft(5), QString());
        QCOMPARE(s.draftSavedAt(5), qint64(0));
        QCOMPARE(s.dropDraftsOfOtherChats({3, 9, 12}), 0);  // nothing more to drop
    }
    AppSettings s(file());  // a restart: the file holds it so
    s.setActiveDataDir(QStringLiteral("/data/a"));
    QCOMPARE(s.draft(5), QString());
    QCOMPARE(s.draft(0), QStringLiteral("text of 0"));
    QCOMPARE(s.draft(3), QStringLiteral("text of 3"));
    QCOMPARE(s.draft(9), QStringLiteral("text of 9"));
    QCOMPARE(s.dropDraftsOfOtherChats({}), 2);  // an empty library: every chat's draft but the new chat's
    QCOMPARE(s.draft(3), QString());
    QCOMPARE(s.draft(0), QStringLiteral("text of 0"));
    AppSettings other(file());
    other.setActiveDataDir(QStringLiteral("/data/b"));
    QCOMPARE(other.draft(5), QStringLiteral("b's 5"));
    const QByteArray bytes = fileBytes(s.draftsFileName());
    QVERIFY2(!bytes.contains("text of 5") && !bytes.contains("text of 3") && bytes.contains("b's 5"), bytes.constData());
}

// A draft made of a long paste held beside the box and paragraphs typed after it keeps where the held part ends
// (draftHeld), across a restart: Composer.qml parts the draft there, every typed paragraph back in the box. Before
// (session 58's loose ends) only the text was kept, and the box got back the last typed paragraph alone.
void TestDrafts::heldPartOfADraftIsKept() {
    const QString pasted = QStringLiteral("log line\n").repeated(12'000);  // 108,000 characters, ends with a line break
    const QString draft = pasted + QStringLiteral("\na\n\nb\n\nc");
    {
        AppSettings s(file());
        s.setActiveDataDir(QStringLiteral("/data/held"));
        QVERIFY(s.setDraft(5, draft, int(pasted.size())));
        QVERIFY(s.setDraft(6, QStringLiteral("typed only")));
        QCOMPARE(s.draftHeld(5), int(pasted.size()));
    }
    AppSettings s(file());  // a restart
    s.setActiveDataDir(QStringLiteral("/data/held"));
    QCOMPARE(s.draft(5), draft);
    QCOMPARE(s.draftHeld(5), int(pasted.size()));
    QCOMPARE(s.draftHeld(6), 0);
    QCOMPARE(s.draftHeld(7), 0);  // no draft
    AppSettings other(file());
    other.setActiveDataDir(QStringLiteral("/data/other"));
    QCOMPARE(other.draftHeld(5), 0);  // another database's chat 5
    // The same text typed again with nothing held (✕, then typed): the held part goes, the text stays.
    QVERIFY(s.setDraft(5, draft, 0));
    QCOMPARE(s.draftHeld(5), 0);
    QVERIFY(s.setDraft(5, draft, 30));
    QCOMPARE(s.draftHeld(5), 30);
    // More than the text (a file changed by hand) is not believed; a blank draft holds nothing.
    QVERIFY(s.setDraft(5, QStringLiteral("short"), 999));
    QCOMPARE(s.draftHeld(5), 5);
    QVERIFY(s.setDraft(5, QStringLiteral("  "), 2));
    QCOMPARE(s.draftHeld(5), 0);
    QCOMPARE(s.draft(5), QString());
    // Gone with its chat.
    QCOMPARE(s.dropDraftsOfOtherChats({}), 1);  // chat 6
    QFile json(s.draftsFileName());
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject all = QJsonDocument::fromJson(json.readAll()).object();
    QVERIFY2(!all.contains(QStringLiteral("held")), qPrintable(QJsonDocument(all).toJson()));
}

QTEST_GUILESS_MAIN(TestDrafts)
#include "test_drafts.moc"
