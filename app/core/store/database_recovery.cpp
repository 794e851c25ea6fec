// store/database_recovery.cpp — see database_recovery.h. The page and record formats are SQLite's "Database File
// Format" (sqlite.org/fileformat2.html): §1.3 header, §1.5 freelist, §1.6 b-tree pages and cells, §1.7 overflow
// pages, §2.1 records; §4 the WAL's frames.
#include "database_recovery.h"

#include "conversation_store.h"
#include "database.h"
#include "store_error.h"
#include "transaction.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QStringDecoder>
#include <QVariant>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <vector>

namespace rwkv::store {
namespace {

std::uint32_t be(const uchar* p, int bytes) {
    std::uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
    return v;
}

/// The pages of the damaged file as SQLite would read them: the newest committed copy in the -wal, else the file's.
class Pages {
public:
    explicit Pages(const QString& path) : file_(path), wal_(path + QStringLiteral("-wal")) {
        // Mapped, not read: a library with saved states can be gigabytes
        if (file_.open(QIODevice::ReadOnly) && file_.size() > 0) {
            bytes_ = file_.map(0, file_.size());
            if (bytes_ != nullptr) fileSize_ = file_.size();
        }
        const uchar* h = bytes_;
        // The header is trusted only where its fixed fields hold their values (§1.3: format versions 1 or 2, payload
        // fractions 64, 32, 32) and the page size is one SQLite writes. Else page 1's header is damaged: the page size
        // is found from the pages themselves, no reserved bytes and no freelist to skip. Before (session 38's trial:
        // bytes 16-99 overwritten) a random reserved-bytes field cut the usable size, and the rows at the end of every
        // page were refused: 1 of 3 chats came back.
        if (fileSize_ >= 100 && std::memcmp(h, "SQLite format 3", 16) == 0) {
            const std::uint32_t size = be(h + 16, 2);
            size_ = size == 1 ? 65536 : int(size);
            headerRead_ = legalSize(size_) && (h[18] == 1 || h[18] == 2) && (h[19] == 1 || h[19] == 2) &&
                          h[21] == 64 && h[22] == 32 && h[23] == 32 && size_ - h[20] >= 480;
            if (headerRead_) usable_ = size_ - h[20];
        }
        if (!headerRead_) usable_ = size_ = guessedSize(legalSize(size_) ? size_ : 4096);
        count_ = std::uint32_t(fileSize_ / size_);
        readWal();
        if (headerRead_) readFreelist();
    }
    int usable() const { return usable_; }
    /// Whether page 1's header was read (else the page size and the freelist were guessed).
    bool headerRead() const { return headerRead_; }
    /// Whether page `n` is the one at the 1 GiB offset, which SQLite never uses (§1.3, the lock-byte page).
    bool isLockBytePage(std::uint32_t n) const { return qint64(n - 1) * size_ == (qint64(1) << 30); }
    std::uint32_t count() const { return count_; }
    bool isFree(std::uint32_t page) const { return free_.contains(page); }
    /// Page `n` (1-based), size_ bytes, or nullptr when past the end.
    const uchar* page(std::uint32_t n) const {
        if (n == 0 || n > count_) return nullptr;
        if (const auto it = walPages_.find(n); it != walPages_.end()) return walBytes_ + it->second;
        if (qint64(n) * size_ > fileSize_) return nullptr;
        return bytes_ + qint64(n - 1) * size_;
    }

private:
    static bool legalSize(int size) { return size >= 512 && size <= 65536 && (size & (size - 1)) == 0; }

    /// The page size of a file whose header is damaged (session 38's check: a library of 8192- or 1024-byte pages read
    /// as 4096-byte ones gave 0 chats back): its -wal's, when that has a WAL header (§4.1, which holds it), else the
    /// size at which the most b-tree cells sit where their pages' headers say (cellsAt); `fallback` (the header's own
    /// field when legal, else SQLite's default) where none or several tie. Read at half its size, a page's cells lie
    /// past the page (the content area fills from its end); at twice, every other page is not read.
    int guessedSize(int fallback) const {
        QFile wal(file_.fileName() + QStringLiteral("-wal"));
        uchar w[12];
        if (wal.open(QIODevice::ReadOnly) && wal.read(reinterpret_cast<char*>(w), 12) == 12 &&
            (be(w, 4) & 0xfffffffeu) == 0x377f0682u && legalSize(int(be(w + 8, 4))))
            return int(be(w + 8, 4));
        int best = fallback;
        qint64 bestCells = cellsAt(fallback);
        for (int size = 512; size <= 65536; size *= 2)
            if (const qint64 cells = size == fallback ? 0 : cellsAt(size); cells > bestCells) {
                best = size;
                bestCells = cells;
            }
        return best;
    }

    /// How many cells the file's pages hold when read as `size`-byte pages: of each page that reads as a b-tree page
    /// (§1.6: a kind byte, its cell pointers after the header and inside the page, none before the content area),
    /// its count of cells. Only the pages' headers and pointer arrays are read.
    qint64 cellsAt(int size) const {
        qint64 total = 0;
        for (qint64 at = 0; at + size <= fileSize_; at += size) {
            const int header = at == 0 ? 100 : 0;
            const uchar* p = bytes_ + at + header;
            const uchar kind = p[0];
            if (kind != 0x02 && kind != 0x05 && kind != 0x0a && kind != 0x0d) continue;
            const int pointers = header + (kind == 0x02 || kind == 0x05 ? 12 : 8);
            const int cells = int(be(p + 3, 2));
            const int content = be(p + 5, 2) == 0 ? 65536 : int(be(p + 5, 2));
            if (cells == 0 || pointers + 2 * cells > content || content > size) continue;
            bool inside = true;
            for (int i = 0; i < cells && inside; ++i) {
                const int cell = int(be(p + (pointers - header) + 2 * i, 2));
                inside = cell >= content && cell < size;
            }
            if (inside) total += cells;
        }
        return total;
    }

    void readWal() {
        if (!wal_.open(QIODevice::ReadOnly) || wal_.size() < 32 || (walBytes_ = wal_.map(0, wal_.size())) == nullptr)
            return;
        const uchar* w = walBytes_;
        if ((be(w, 4) & 0xfffffffeu) != 0x377f0682u || int(be(w + 8, 4)) != size_) return;
        std::map<std::uint32_t, qint64> pending;  // frames of a transaction not yet committed
        for (qint64 at = 32; at + 24 + size_ <= wal_.size(); at += 24 + size_) {
            const uchar* frame = w + at;
            if (std::memcmp(frame + 8, w + 16, 8) != 0) break;  // another generation's salt: stale from here on
            pending[be(frame, 4)] = at + 24;
            if (const std::uint32_t commitSize = be(frame + 4, 4); commitSize != 0) {  // a commit frame
                for (const auto& [n, offset] : pending) walPages_[n] = offset;
                pending.clear();
                count_ = std::max(count_, commitSize);
            }
        }
    }
    /// The freelist's trunk and leaf pages (§1.5): without secure_delete they still hold rows that were deleted.
    void readFreelist() {
        const uchar* first = page(1);
        if (first == nullptr) return;
        std::uint32_t trunk = be(first + 32, 4);
        for (std::uint32_t seen = 0; trunk != 0 && seen < count_ && !free_.contains(trunk); ++seen) {
            const uchar* t = page(trunk);
            if (t == nullptr) return;
            free_.insert(trunk);
            const std::uint32_t leaves = std::min<std::uint32_t>(be(t + 4, 4), std::uint32_t(usable_ / 4 - 2));
            for (std::uint32_t i = 0; i < leaves; ++i) free_.insert(be(t + 8 + 4 * i, 4));
            trunk = be(t, 4);
        }
    }

    QFile file_, wal_;
    const uchar* bytes_ = nullptr;     // file_ mapped
    const uchar* walBytes_ = nullptr;  // wal_ mapped
    qint64 fileSize_ = 0;
    bool headerRead_ = false;
    int size_ = 4096, usable_ = 4096;
    std::uint32_t count_ = 0;
    std::map<std::uint32_t, qint64> walPages_;  // page → offset of its newest committed copy in walBytes_
    QSet<std::uint32_t> free_;
};

/// A varint (§1.6) at p, at most `left` bytes; 0 bytes read when it runs past them.
int varint(const uchar* p, qint64 left, std::int64_t& v) {
    std::uint64_t x = 0;
    for (int i = 0; i < 9 && i < left; ++i) {
        if (i == 8) {
            v = std::int64_t((x << 8) | p[i]);
            return 9;
        }
        x = (x << 7) | (p[i] & 0x7f);
        if ((p[i] & 0x80) == 0) {
            v = std::int64_t(x);
            return i + 1;
        }
    }
    return 0;
}

/// One row read from a leaf cell: its rowid and its values (NULL as a null QVariant; integers qint64, reals double,
/// text QString, blobs QByteArray).
struct Row {
    qint64 rowid = 0;
    QVariantList values;
    QList<int> notUtf8;  // the values whose text bytes were not UTF-8 (read with U+FFFD in their place)
};

/// The payload of the cell at `cell` of page `p` (§1.6, §1.7), with its overflow chain (its pages added to
/// `overflow`); nullopt when it does not fit.
std::optional<Row> readCell(const Pages& pages, const uchar* p, int cell, QSet<std::uint32_t>& overflow) {
    const int usable = pages.usable();
    std::int64_t payload = 0, rowid = 0;
    int n = varint(p + cell, usable - cell, payload);
    if (n == 0 || payload < 0 || payload > (qint64(1) << 30)) return std::nullopt;
    const int m = varint(p + cell + n, usable - cell - n, rowid);
    if (m == 0) return std::nullopt;
    const int start = cell + n + m;
    const qint64 maxLocal = usable - 35, minLocal = (qint64(usable - 12) * 32 / 255) - 23;
    qint64 local = payload;
    if (payload > maxLocal) {
        local = minLocal + (payload - minLocal) % (usable - 4);
        if (local > maxLocal) local = minLocal;
    }
    if (start + local + (local < payload ? 4 : 0) > usable) return std::nullopt;
    QByteArray bytes(reinterpret_cast<const char*>(p + start), int(local));
    std::uint32_t next = local < payload ? be(p + start + local, 4) : 0;
    for (std::uint32_t hops = 0; bytes.size() < payload; ++hops) {
        const uchar* o = pages.page(next);
        if (o == nullptr || hops > pages.count()) return std::nullopt;
        overflow.insert(next);
        const qint64 take = std::min<qint64>(usable - 4, payload - bytes.size());
        bytes.append(reinterpret_cast<const char*>(o + 4), int(take));
        next = be(o, 4);
    }
    // The record (§2.1): a header of serial types, then the values.
    const auto* r = reinterpret_cast<const uchar*>(bytes.constData());
    std::int64_t headerSize = 0;
    int at = varint(r, bytes.size(), headerSize);
    if (at == 0 || headerSize > bytes.size() || headerSize < at) return std::nullopt;
    Row row{rowid, {}, {}};
    qint64 body = headerSize;
    while (at < headerSize) {
        std::int64_t type = 0;
        const int k = varint(r + at, headerSize - at, type);
        if (k == 0 || type < 0 || type == 10 || type == 11) return std::nullopt;
        at += k;
        static constexpr int kIntBytes[] = {0, 1, 2, 3, 4, 6, 8};
        const qint64 size = type >= 12 ? (type - 12) / 2 : type == 7 ? 8 : type <= 6 ? kIntBytes[type] : 0;
        if (body + size > bytes.size()) return std::nullopt;
        const uchar* v = r + body;
        if (type == 0) {
            row.values.append(QVariant());
        } else if (type <= 6) {
            std::uint64_t x = 0;
            for (int i = 0; i < size; ++i) x = (x << 8) | v[i];
            const int shift = 64 - 8 * int(size);  // sign-extended
            row.values.append(qint64(std::int64_t(x << shift) >> shift));
        } else if (type == 7) {
            std::uint64_t x = 0;
            for (int i = 0; i < 8; ++i) x = (x << 8) | v[i];
            double d;
            std::memcpy(&d, &x, 8);
            row.values.append(d);
        } else if (type == 8 || type == 9) {
            row.values.append(qint64(type - 8));
        } else if (type % 2 == 0) {
            row.values.append(QByteArray(reinterpret_cast<const char*>(v), int(size)));
        } else {
            QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            row.values.append(QString(utf8(QByteArrayView(v, size))));
            if (utf8.hasError()) row.notUtf8.append(int(row.values.size() - 1));
        }
        body += size;
    }
    return row;
}

/// One of the tables recovered: its columns in the new database, as PRAGMA table_info lists them.
struct Table {
    const char* name;
    int fewestColumns;  // of a row written before later versions added columns (ALTER TABLE ADD COLUMN)
    QStringList columns, types;
    QList<bool> notNull;
    std::map<qint64, Row> rows;  // by rowid: the first copy read

    /// Whether `row` can be a row of this table: its count of values, NULL in the id (the rowid's alias), and each
    /// value of its column's declared type (REAL also takes an integer, as SQLite stores a whole REAL).
    bool fits(const Row& row) const {
        const qsizetype n = row.values.size();
        if (n < fewestColumns || n > columns.size() || !row.values.at(0).isNull()) return false;
        for (qsizetype i = 1; i < n; ++i) {
            const QVariant& v = row.values.at(i);
            if (v.isNull()) {
                if (notNull.at(i)) return false;
                continue;
            }
            const int t = v.typeId();
            const QString& declared = types.at(i);
            if ((declared == QLatin1String("INTEGER") && t != QMetaType::LongLong) ||
                (declared == QLatin1String("TEXT") && t != QMetaType::QString) ||
                (declared == QLatin1String("BLOB") && t != QMetaType::QByteArray) ||
                (declared == QLatin1String("REAL") && t != QMetaType::LongLong && t != QMetaType::Double))
                return false;
        }
        return true;
    }
};

/// Whether the title (value 1) of a conversations row read back can be shown as it is: UTF-8, without control
/// characters, not blank. A flipped byte inside the row gave an empty chat titled with a replacement character or a
/// control character (session 37's check).
bool readableTitle(const Row& row) {
    if (row.notUtf8.contains(1)) return false;
    const QString title = row.values.at(1).toString();
    if (title.trimmed().isEmpty()) return false;
    return std::none_of(title.begin(), title.end(), [](QChar c) { return c.category() == QChar::Other_Control; });
}

void bindValue(Statement& s, int index, const QVariant& v) {
    switch (v.typeId()) {
    case QMetaType::LongLong: s.bindInt64(index, v.toLongLong()); break;
    case QMetaType::Double: s.bindDouble(index, v.toDouble()); break;
    case QMetaType::QString: s.bindText(index, v.toString()); break;
    case QMetaType::QByteArray: {
        const QByteArray& b = *static_cast<const QByteArray*>(v.constData());
        s.bindBlobNoCopy(index, b.constData(), b.size());
        break;
    }
    default: s.bindNull(index);
    }
}

/// Inserts `row` into `table` (its first values.size() columns, the id from the rowid). False when SQLite refuses it
/// (a CHECK, a missing parent).
bool insert(Database& db, const Table& table, const Row& row) {
    QStringList marks;
    for (qsizetype i = 0; i < row.values.size(); ++i) marks << QStringLiteral("?");
    const QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                            .arg(QLatin1String(table.name), table.columns.first(row.values.size()).join(u','),
                                 marks.join(u','));
    auto s = db.cached(sql.toStdString());
    s->bindInt64(1, row.rowid);
    for (qsizetype i = 1; i < row.values.size(); ++i) bindValue(*s, int(i + 1), row.values.at(i));
    try {
        s->step();
        return true;
    } catch (const StoreError&) {
        return false;
    }
}

}  // namespace

RecoveryReport recoverDatabase(const QString& damagedPath, const QString& freshPath) {
    if (QFileInfo::exists(freshPath))
        throw StoreError(QStringLiteral("%1 already exists").arg(freshPath).toStdString());
    { ConversationStore fresh(freshPath); }  // the current schema, WAL mode
    Database db(freshPath);
    Table conversations{"conversations", 5, {}, {}, {}, {}}, messages{"messages", 8, {}, {}, {}, {}},
        snapshots{"snapshots", 10, {}, {}, {}, {}}, folders{"folders", 3, {}, {}, {}, {}};
    for (Table* t : {&conversations, &messages, &snapshots, &folders}) {
        auto s = db.cached(std::string("SELECT name, upper(type), \"notnull\" FROM pragma_table_info('") + t->name + "')");
        while (s->step()) {
            t->columns << s->columnText(0);
            t->types << s->columnText(1);
            t->notNull << s->columnBool(2);
        }
    }

    const Pages pages(damagedPath);
    QSet<std::uint32_t> overflow, unknown;  // pages of an overflow chain read; pages of no kind read
    for (std::uint32_t n = 1; n <= pages.count(); ++n) {
        const uchar* p = pages.page(n);
        if (p == nullptr || pages.isFree(n) || pages.isLockBytePage(n)) continue;
        const int header = n == 1 ? 100 : 0;
        const uchar kind = p[header];
        if (kind != 0x02 && kind != 0x05 && kind != 0x0a && kind != 0x0d) unknown.insert(n);  // an overflow page?
        if (kind != 0x0d) continue;  // table b-tree leaf pages only
        const int cells = int(be(p + header + 3, 2));
        for (int i = 0; i < cells && header + 8 + 2 * i + 2 <= pages.usable(); ++i) {
            const int cell = int(be(p + header + 8 + 2 * i, 2));
            if (cell < header + 8 || cell >= pages.usable()) continue;
            const std::optional<Row> row = readCell(pages, p, cell, overflow);
            if (!row) continue;
            for (Table* t : {&conversations, &messages, &snapshots, &folders})
                if (t->fits(*row)) {
                    t->rows.emplace(row->rowid, *row);
                    break;
                }
        }
    }

    RecoveryReport report;
    // Pages neither of a b-tree, nor free, nor of an overflow chain read: damaged (or of a row on a damaged page).
    // They may have held chats that no row read names, as may every page when the header was guessed.
    report.pagesUnread = int((unknown - overflow).size());
    report.headerUnread = !pages.headerRead();
    QSet<qint64> known;  // conversation ids named by any row read
    for (const auto& [id, row] : conversations.rows) known.insert(id);
    for (const auto& [id, row] : messages.rows) known.insert(row.values.at(1).toLongLong());
    for (const auto& [id, row] : snapshots.rows) known.insert(row.values.at(1).toLongLong());
    // A chat whose own row was not readable: made for its messages, titled by its first one, dated by them.
    QHash<qint64, Row> madeFor;
    for (const auto& [id, row] : messages.rows) {
        const qint64 c = row.values.at(1).toLongLong();
        if (conversations.rows.count(c)) continue;
        const qint64 at = row.values.at(5).toLongLong();
        auto it = madeFor.find(c);
        if (it == madeFor.end()) {
            const QString title = row.values.at(4).toString().section(u'\n', 0, 0).left(60).trimmed();
            // at: created, updated, last used
            it = madeFor.insert(c, Row{c, {QVariant(), title, QString(), at, at, at}, {}});
        }
        it->values[4] = it->values[5] = std::max(it->values.at(4).toLongLong(), at);
    }
    report.untitled = !madeFor.isEmpty();
    for (const Row& row : std::as_const(madeFor)) conversations.rows.emplace(row.rowid, row);
    // A title that cannot be shown as it is: "Recovered chat N" (N from 1, in id order), the rest of the chat kept.
    for (auto& [id, row] : conversations.rows)
        if (!readableTitle(row)) {
            row.values[1] = QCoreApplication::translate("StoreError", "Recovered chat %1").arg(++report.retitled);
            report.retitledTitles << row.values[1].toString();
            row.notUtf8.removeAll(1);
        }

    Transaction tx(db);
    // The folders (v7) first; a chat filed in one that did not come back is unfiled: its folder_id would fail the
    // foreign key, and the chat with it (session 48: a filed chat was lost by every recovery).
    QSet<qint64> foldersBack;
    for (const auto& [id, row] : folders.rows)
        if (!row.values.at(1).toString().trimmed().isEmpty() && insert(db, folders, row)) foldersBack.insert(id);
    const qsizetype folderColumn = conversations.columns.indexOf(QStringLiteral("folder_id"));
    for (auto& [id, row] : conversations.rows)
        if (folderColumn > 0 && folderColumn < row.values.size() && !row.values.at(folderColumn).isNull() &&
            !foldersBack.contains(row.values.at(folderColumn).toLongLong()))
            row.values[folderColumn] = QVariant();
    // The message a chat was made from (v8) goes in after the messages: it names a message, which is not in yet, and
    // would fail the foreign key, and the chat with it; where that message did not come back it stays NULL.
    const qsizetype sourceColumn = conversations.columns.indexOf(QStringLiteral("forked_from_message_id"));
    QHash<qint64, qint64> sources;  // chat -> the message it was made from
    for (auto& [id, row] : conversations.rows)
        if (sourceColumn > 0 && sourceColumn < row.values.size() && !row.values.at(sourceColumn).isNull()) {
            sources.insert(id, row.values.at(sourceColumn).toLongLong());
            row.values[sourceColumn] = QVariant();
        }
    QSet<qint64> chats, kept, withMessages;
    for (const auto& [id, row] : conversations.rows)
        if (insert(db, conversations, row)) chats.insert(id);
    for (const auto& [id, row] : messages.rows) {  // by id: a parent before the replies to it
        const QVariant parent = row.values.at(2);
        const qint64 chat = row.values.at(1).toLongLong();
        if (chats.contains(chat) && (parent.isNull() || kept.contains(parent.toLongLong())) &&
            insert(db, messages, row)) {
            kept.insert(id);
            withMessages.insert(chat);
        }
    }
    for (const auto& [chat, message] : sources.asKeyValueRange())
        if (chats.contains(chat) && kept.contains(message))
            db.exec("UPDATE conversations SET forked_from_message_id = " + std::to_string(message) + " WHERE id = " +
                    std::to_string(chat) + ";");
    for (const auto& [id, row] : snapshots.rows)
        if (kept.contains(row.values.at(2).toLongLong()) && insert(db, snapshots, row)) ++report.states;
    // A chat of its own row whose messages were all lost (only the messages' pages damaged) stays, empty, by its title
    // (session 37's trial: 3 chats' rows read, "chats back: 0"); one made for messages none of which went in does not.
    for (const auto& [id, row] : conversations.rows) {
        if (!chats.contains(id) || withMessages.contains(id)) continue;
        if (madeFor.contains(id)) {
            db.exec("DELETE FROM conversations WHERE id = " + std::to_string(id) + ";");
            continue;
        }
        ++report.chatsEmptied;
        report.emptiedTitles << row.values.at(1).toString();
    }
    tx.commit();
    {
        auto s = db.cached("SELECT count(*) FROM conversations");
        s->step();
        report.chats = int(s->columnInt64(0));  // those back by title only among them (session 38's trial: "chats back: 0")
    }
    report.messages = int(kept.size());
    report.chatsLost = int(known.size()) - report.chats;
    report.messagesLost = int(messages.rows.size()) - report.messages;
    return report;
}

}  // namespace rwkv::store
