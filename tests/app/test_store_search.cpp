// tests/app/test_store_search.cpp — ConversationStore::search looks past invisible formatting characters
// (isInvisibleFormat, app/core/invisible_format.h: bidi controls, U+200B, the direction marks, …) in the query and in
// the messages, as the window leaves them out of titles and snippets; and the SQL function rwkv_holds_invisible_format
// (store/database.cpp) that finds the messages holding one. The rest of search: test_store.cpp.
#include "store/conversation_store.h"
#include "store/database.h"

#include "invisible_format.h"

#include <QTest>

using namespace rwkv::store;

namespace {

// What the SQL function `function` of the store's connection (one text argument: database.cpp) returns for `text`, or
// -1 for no row.
qint64 sqlFunctionOf(Database& db, const std::string& function, const QString& text) {
    auto s = db.cached("SELECT " + function + "(?1)");
    s->bindText(1, text);
    return s->step() ? s->columnInt64(0) : -1;
}

}  // namespace

class TestStoreSearch : public QObject {
    Q_OBJECT

private slots:
    void searchLooksPastBidiControls();
    void searchLooksPastInvisibleFormatting();
    void sqlFunctionAsksIsInvisibleFormat();
    void searchReadsDecomposedTextComposed();
    void wordsAreFoundAcrossLineBreaks();
};

// A text's bidi controls (U+202A…U+202E, U+2066…U+2069: left out of a shown title and of snippets) are looked past in
// the query and in the messages, through the index (3 characters or more) and the short scan; the rest as before.
// Before (session 39's check), "evil title" found nothing in "\u202eevil\u202c title", which the sidebar showed as it.
void TestStoreSearch::searchLooksPastBidiControls() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 c = store.createConversation(QStringLiteral("\u202Eevil\u202C title"));
    const qint64 m1 = store.addMessage(c, 0, Role::User, QStringLiteral("\u202Eevil\u202C title"));
    const qint64 m2 = store.addMessage(c, m1, Role::Assistant, QStringLiteral("An evil title, plainly."));
    const qint64 m3 = store.addMessage(c, m2, Role::User, QStringLiteral("x\u2066y and \u2067ab\u2069c"));
    const qint64 gone = store.createConversation(QStringLiteral("Trashed"));
    store.addMessage(gone, 0, Role::User, QStringLiteral("\u202Eevil\u202C title"));
    store.deleteConversation(gone);

    QList<SearchHit> hits = store.search(QStringLiteral("EVIL TITLE"));
    QCOMPARE(hits.size(), 2);  // before: 1 (m2)
    QCOMPARE(hits[0].message_id, m2);
    QCOMPARE(hits[1].message_id, m1);
    QCOMPARE(hits[1].snippet, QStringLiteral("\uE000evil title\uE001"));  // the letters, the match marked
    QCOMPARE(store.search(QStringLiteral("\u202Eevil\u202C title")).size(), 2);  // the query's controls too
    QCOMPARE(store.search(QStringLiteral("evil title"), 1).size(), 1);  // the limit holds
    QCOMPARE(store.search(QStringLiteral("evil title"), 1)[0].message_id, m2);
    hits = store.search(QStringLiteral("abc"));  // a control inside the match
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].message_id, m3);
    QCOMPARE(hits[0].snippet, QStringLiteral("xy and \uE000abc\uE001"));
    hits = store.search(QStringLiteral("xy"));  // 2 characters: the scan
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].message_id, m3);
    QCOMPARE(store.search(QStringLiteral("l t")).size(), 2);
    QCOMPARE(store.search(QStringLiteral("\u2066")).size(), 0);  // nothing but a control: nothing to find
    QCOMPARE(store.search(QStringLiteral("live")).size(), 0);     // the override turned nothing around

    // The SQL function that finds them reads UTF-8 bytes: every control at the start, inside and at the end; the
    // characters next to them in UTF-8 (U+2029, U+202F, U+2065, an em dash, quotes, an ellipsis) are not.
    Database db(QStringLiteral(":memory:"));
    const auto holds = [&db](const QString& text) { return sqlFunctionOf(db, "rwkv_holds_invisible_format", text); };
    for (const char16_t c : {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
        QCOMPARE(holds(QString(QChar(c))), 1);
        QCOMPARE(holds(QStringLiteral("a\u2014") + QChar(c) + QStringLiteral("b")), 1);
        QCOMPARE(holds(QStringLiteral("ab") + QChar(c)), 1);
    }
    QCOMPARE(holds(QStringLiteral("\u2029\u202F\u2065\u2014\u201C\u201D\u2026 中文")), 0);
    QCOMPARE(holds(QString()), 0);
}

// Session 40's check: a message holding U+200B ZERO WIDTH SPACE, a direction mark (U+200E / U+200F), U+2060 WORD
// JOINER, U+FEFF or a soft hyphen reads as its letters in the window, but a search for them found nothing ("foobar"
// in "foo\u200Bbar"). They are looked past as the bidi controls are, through the index and the short scan; U+200C /
// U+200D (ZWNJ, ZWJ) are letters a user types (Persian, emoji sequences) and are matched as they are.
void TestStoreSearch::searchLooksPastInvisibleFormatting() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 c = store.createConversation(QStringLiteral("Pasted"));
    const qint64 zwsp = store.addMessage(c, 0, Role::User, QStringLiteral("the foo\u200Bbar pasted"));
    const qint64 marks = store.addMessage(c, zwsp, Role::Assistant, QStringLiteral("\u200Fshal\u200Eom and \uFEFFquay"));
    const qint64 joiner = store.addMessage(c, marks, Role::User, QStringLiteral("Donau\u00ADdampf\u2060schiff \u061Cxy"));
    const qint64 emoji = store.addMessage(c, joiner, Role::Assistant, QStringLiteral("a coder \U0001F469\u200D\U0001F4BB"));

    QList<SearchHit> hits = store.search(QStringLiteral("foobar"));
    QCOMPARE(hits.size(), 1);  // before: 0
    QCOMPARE(hits[0].message_id, zwsp);
    QCOMPARE(hits[0].snippet, QStringLiteral("the \uE000foobar\uE001 pasted"));
    hits = store.search(QStringLiteral("shalom"));
    QCOMPARE(hits.size(), 1);  // before: 0
    QCOMPARE(hits[0].message_id, marks);
    QCOMPARE(store.search(QStringLiteral("quay")).size(), 1);
    hits = store.search(QStringLiteral("Donaudampfschiff"));
    QCOMPARE(hits.size(), 1);  // before: 0
    QCOMPARE(hits[0].message_id, joiner);
    QCOMPARE(store.search(QStringLiteral("xy")).size(), 1);  // the short scan: "\u061Cxy"
    QCOMPARE(store.search(QStringLiteral("foo\u200Bb\u2060a\u200Er")).size(), 1);  // the query's too
    QCOMPARE(store.search(QStringLiteral("\u200B\uFEFF")).size(), 0);              // nothing but them: no search
    hits = store.search(QStringLiteral("\U0001F469\u200D\U0001F4BB"));             // the emoji sequence as typed
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].message_id, emoji);
    QCOMPARE(store.search(QStringLiteral("\U0001F469\U0001F4BB")).size(), 0);  // the joiner is part of it

    Database db(QStringLiteral(":memory:"));
    const auto holds = [&db](const QString& text) { return sqlFunctionOf(db, "rwkv_holds_invisible_format", text); };
    for (const char16_t c : {0x00AD, 0x061C, 0x200B, 0x200E, 0x200F, 0x2060, 0x2061, 0x2064, 0x206A, 0x206F, 0xFEFF}) {
        QCOMPARE(holds(QString(QChar(c))), 1);
        QCOMPARE(holds(QStringLiteral("a\u00E9") + QChar(c) + QStringLiteral("b")), 1);
        QCOMPARE(holds(QStringLiteral("ab") + QChar(c)), 1);
    }
    // Their neighbours in UTF-8 are not: ZWNJ, ZWJ, U+2065 (unassigned), U+00AC, U+061B, U+FEFE, U+FFBF, U+180E.
    QCOMPARE(holds(QStringLiteral("\u200C\u200D\u2065\u00AC\u061B\uFEFE\uFFBF\u180E \U0001F469\u200D\U0001F4BB")), 0);
}

// rwkv_holds_invisible_format reads UTF-8 and asks isInvisibleFormat (the one place the set is written) about each
// character: every code point U+0000…U+10FFFF, encoded by SQLite's char() after 0 to 16 ASCII letters (read eight
// at a time), is found exactly when isInvisibleFormat says so, so a character added to the set is found by the
// search too. Before session 43 the function spelled the set out again as byte patterns: a character added to
// isInvisibleFormat alone would fail here. Bytes that are no character's shortest encoding are none of the set: an
// overlong U+00AD (E0 82 AD), U+200B's lead and last byte around a byte that is no continuation (E2 C0 8B), a
// cut-off U+FEFF (EF BB).
void TestStoreSearch::sqlFunctionAsksIsInvisibleFormat() {
    Database db(QStringLiteral(":memory:"));
    auto s = db.cached("WITH RECURSIVE n(c) AS (SELECT 0 UNION ALL SELECT c + 1 FROM n WHERE c < 1114111) "
                       "SELECT c FROM n WHERE rwkv_holds_invisible_format("
                       "substr('abcdefghijklmnopq', 1, c % 17) || char(c) || 'xyz')");  // after 0-16 ASCII letters
    QList<qint64> found, expected;
    while (s->step()) found.append(s->columnInt64(0));
    for (char32_t c = 0; c <= 0x10FFFF; ++c)
        if (rwkv::app::isInvisibleFormat(c)) expected.append(qint64(c));
    QCOMPARE(expected.size(), 26);
    QCOMPARE(found, expected);

    const auto holds = [&db](const QByteArray& utf8) {
        auto q = db.cached("SELECT rwkv_holds_invisible_format(CAST(?1 AS TEXT))");
        q->bindBlobNoCopy(1, utf8.constData(), utf8.size());
        return q->step() ? q->columnInt64(0) : -1;
    };
    QCOMPARE(holds("x\xC2\xAD"), 1);  // U+00AD
    QCOMPARE(holds("x\xE0\x82\xAD"), 0);
    QCOMPARE(holds("x\xE2\x80\x8B"), 1);  // U+200B
    QCOMPARE(holds("x\xE2\xC0\x8B"), 0);
    QCOMPARE(holds("\xC2\xE2\x80\x8B"), 1);  // a stray lead byte before it
    QCOMPARE(holds("x\xEF\xBB"), 0);
    QCOMPARE(holds("x\xF4\x90\x80\x80\xFF"), 0);  // past U+10FFFF, and a byte no UTF-8 has
}

// Session 44's trial: a message pasted with "é" decomposed (e + U+0301 COMBINING ACUTE ACCENT, NFD: a Mac's file
// names, some web pages) is drawn as "Café" but was found by no search for "café" typed (NFC), nor by "é" alone; a
// Hangul word as jamo and U+2126 OHM SIGN likewise. Messages and query are read composed (NFC): through the index (3
// characters or more) and the short scan; a text already composed (Thai with its marks) is matched as it is.
void TestStoreSearch::searchReadsDecomposedTextComposed() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 c = store.createConversation(QStringLiteral("Pasted"));
    const qint64 nfd = store.addMessage(c, 0, Role::User, QStringLiteral("Cafe\u0301 au lait"));
    const qint64 jamo = store.addMessage(c, nfd, Role::Assistant, QStringLiteral("\u1112\u1161\u11AB\u1100\u1173\u11AF"));
    const qint64 ohm = store.addMessage(c, jamo, Role::User, QStringLiteral("R = 5 \u2126"));
    const qint64 thai = store.addMessage(c, ohm, Role::Assistant, QStringLiteral("\u0E02\u0E49\u0E32\u0E27 ok"));
    const qint64 nfc = store.addMessage(c, thai, Role::User, QStringLiteral("un caf\u00E9 noir"));

    QList<SearchHit> hits = store.search(QStringLiteral("caf\u00E9"));
    QCOMPARE(hits.size(), 2);  // before: 1 (nfc)
    QCOMPARE(hits[0].message_id, nfc);
    QCOMPARE(hits[1].message_id, nfd);
    QCOMPARE(hits[1].snippet, QStringLiteral("\uE000Caf\u00E9\uE001 au lait"));  // the letters as drawn, composed
    QCOMPARE(store.search(QStringLiteral("cafe\u0301")).size(), 2);  // a query typed decomposed finds both too
    hits = store.search(QStringLiteral("\u00E9"));                   // 1 character: the scan
    QCOMPARE(hits.size(), 2);
    QCOMPARE(hits[1].message_id, nfd);
    hits = store.search(QStringLiteral("\uD55C\uAE00"));  // 한글 typed: 2 characters
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].message_id, jamo);
    hits = store.search(QStringLiteral("5 \u03A9"));  // GREEK CAPITAL OMEGA, what NFC makes of the ohm sign
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].message_id, ohm);
    QCOMPARE(store.search(QStringLiteral("5 \u2126")).size(), 1);  // the ohm sign pasted
    hits = store.search(QStringLiteral("\u0E02\u0E49\u0E32\u0E27"));
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].message_id, thai);
    QCOMPARE(store.search(QStringLiteral("noir cafe")).size(), 0);  // nothing found that is not there

    Database db(QStringLiteral(":memory:"));
    const auto notNfc = [&db](const QString& text) { return sqlFunctionOf(db, "rwkv_not_nfc", text); };
    QCOMPARE(notNfc(QStringLiteral("e\u0301")), 1);
    QCOMPARE(notNfc(QStringLiteral("abcdefghij e\u0301")), 1);
    QCOMPARE(notNfc(QStringLiteral("\u1112\u1161\u11AB")), 1);
    QCOMPARE(notNfc(QStringLiteral("\u2126")), 1);
    QCOMPARE(notNfc(QStringLiteral("\u00E9 \uD55C \u0E02\u0E49\u0E32\u0E27 \u4E2D\u6587 q\u0301")), 0);  // composed
    QCOMPARE(notNfc(QStringLiteral("plain ASCII")), 0);
    QCOMPARE(notNfc(QString()), 0);
    // What the search's scan asks: either, in one pass.
    const auto asLetters = [&db](const QString& text) { return sqlFunctionOf(db, "rwkv_read_as_letters", text); };
    QCOMPARE(asLetters(QStringLiteral("Cafe\u0301")), 1);
    QCOMPARE(asLetters(QStringLiteral("q\u0301 foo\u200Bbar")), 1);  // composed, an invisible one after the mark
    QCOMPARE(asLetters(QStringLiteral("\u202Eevil")), 1);
    QCOMPARE(asLetters(QStringLiteral("caf\u00E9 \u0E02\u0E49\u0E32\u0E27 \u4E2D\u6587 q\u0301")), 0);
}

// Session 55's trial: two lines copied from a message and pasted into the search field ("error delta\n002718 alpha")
// found nothing — the query was simplified (its line break a space), the text not — nor did a code line with two
// spaces. A query's words are found in turn with any white space between, through the index (words of 3 characters
// or more: rows that hold them apart are passed over, the limit counting hits) and through the scan (shorter ones).
void TestStoreSearch::wordsAreFoundAcrossLineBreaks() {
    ConversationStore store(QStringLiteral(":memory:"));
    const qint64 c = store.createConversation(QStringLiteral("Logs"));
    const qint64 log = store.addMessage(c, 0, Role::User, QStringLiteral("002717 error delta\n002718 alpha beta"));
    const qint64 code = store.addMessage(c, log, Role::Assistant, QStringLiteral("let x  =  1;\n\tif ok\r\n\treturn"));
    qint64 parent = code;
    for (int i = 0; i < 3; ++i)  // newer rows holding the words, but not in turn
        parent = store.addMessage(c, parent, i % 2 ? Role::Assistant : Role::User,
                                  QStringLiteral("alpha then 002718, then error delta"));

    QList<SearchHit> hits = store.search(QStringLiteral("error delta\n002718 alpha"));  // as pasted: before, 0
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].message_id, log);
    QCOMPARE(hits[0].snippet, QStringLiteral("002717 \uE000error delta\n002718 alpha\uE001 beta"));
    QCOMPARE(store.search(QStringLiteral("ERROR delta 002718")).size(), 1);  // typed with a space
    hits = store.search(QStringLiteral("delta 002718"), 1);  // the limit counts hits, not the rows passed over
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].message_id, log);
    hits = store.search(QStringLiteral("x = 1"));  // words of 1 character: the scan; two spaces in the text
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits[0].message_id, code);
    QCOMPARE(hits[0].snippet, QStringLiteral("let \uE000x  =  1\uE001;\n\tif ok\r\n\treturn"));
    QCOMPARE(store.search(QStringLiteral("if ok return")).size(), 1);  // a tab, CR LF
    QCOMPARE(store.search(QStringLiteral("  if   ok  ")).size(), 1);
    QCOMPARE(store.search(QStringLiteral("x = 2")).size(), 0);
    QCOMPARE(store.search(QStringLiteral("delta alpha")).size(), 0);  // not in turn: nothing found that is not there
    QCOMPARE(store.search(QStringLiteral("then error")).size(), 3);
    QCOMPARE(store.search(QStringLiteral("alpha then 002718,")).size(), 3);
    QCOMPARE(store.search(QStringLiteral("\"alpha\" OR then*")).size(), 0);  // no FTS syntax leaks through
}

QTEST_GUILESS_MAIN(TestStoreSearch)
#include "test_store_search.moc"
