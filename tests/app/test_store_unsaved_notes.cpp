// tests/app/test_store_unsaved_notes.cpp — the notes of replies whose text was not saved
// (ConversationStore::noteTextNotSaved: "<library>-unsaved-<id>" beside the library), taken at the next open
// (adoptTextNotSavedNotes) also for a library whose name has wildcard characters ("chat[1].sqlite"), and only its own.
// The run that writes such a note for real (a full disk during a reply): test_chat_session.cpp.
#include "store/conversation_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace rwkv::store;

class TestStoreUnsavedNotes : public QObject {
    Q_OBJECT

private slots:
    void notesOfALibraryNamedWithWildcardCharacters();
};

namespace {
/// A library at `path` with one conversation whose reply is begun (empty, unfinished) and noted as not saved, then
/// closed as a killed app leaves it; returns the reply's id.
qint64 libraryWithAnUnsavedReply(const QString& path) {
    ConversationStore store(path);
    const qint64 conv = store.createConversation(QStringLiteral("Unsaved"));
    const qint64 reply = store.beginTurn(conv, 0, QStringLiteral("Hello")).second;
    store.noteTextNotSaved(reply);
    return reply;
}
}  // namespace

// "chat[1].sqlite": its name was used as a wildcard pattern, "chat[1].sqlite-unsaved-*", which matches
// "chat1.sqlite-unsaved-N" and not "chat[1].sqlite-unsaved-N". Before (session 40's check) its own note stayed and its
// reply read "ended before its first word" (ByItself), and chat1.sqlite's note beside it was removed.
void TestStoreUnsavedNotes::notesOfALibraryNamedWithWildcardCharacters() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const QString& name : {QStringLiteral("chat[1].sqlite"), QStringLiteral("a*b?.sqlite"),
                                QStringLiteral("plain.sqlite")}) {
        const QString path = dir.filePath(name);
        const qint64 reply = libraryWithAnUnsavedReply(path);
        const QString note = path + QStringLiteral("-unsaved-%1").arg(reply);
        QVERIFY2(QFileInfo::exists(note), qPrintable(note));
        // Another library's note that the pattern matched ("chat1.sqlite", "aXbY.sqlite"): not this library's.
        const QString other = dir.filePath(QString(name).remove(u'[').remove(u']').replace(u'*', u'X').replace(u'?', u'Y') +
                                           QStringLiteral("-unsaved-%1").arg(reply));
        if (other != note) {
            QFile f(other);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        ConversationStore again(path);  // the next start
        const auto lost = again.message(reply);
        QVERIFY(lost && lost->text.isEmpty() && !lost->finished);
        QCOMPARE(lost->end, ReplyEnd::TextLost);
        QVERIFY2(!QFileInfo::exists(note), qPrintable(QDir(dir.path()).entryList(QDir::Files).join(u' ')));
        QVERIFY2(other == note || QFileInfo::exists(other), qPrintable(name + u' ' + other));
    }
}

QTEST_GUILESS_MAIN(TestStoreUnsavedNotes)
#include "test_store_unsaved_notes.moc"
