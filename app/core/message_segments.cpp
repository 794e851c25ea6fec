// message_segments.cpp — see message_segments.h.
#include "message_segments.h"

#include <QRegularExpression>

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

#include "drawable_text.h"

namespace rwkv::app {
namespace {

const QString kThinkPrompt = QStringLiteral("<think");  // what Think mode's prompt ends with
const QString kThinkClose = QStringLiteral("</think>");

qsizetype leadingSpaces(QStringView line) {
    qsizetype i = 0;
    while (i < line.size() && line[i] == u' ') ++i;
    return i;
}

/// A line's indentation up to `maxColumns`: the columns its leading spaces and tabs reach (a tab goes on to the next
/// multiple of 4, as CommonMark counts) and how many characters they are.
struct Indent {
    qsizetype columns = 0;
    qsizetype chars = 0;
};

Indent leadingIndent(QStringView line, qsizetype maxColumns = std::numeric_limits<qsizetype>::max()) {
    Indent in;
    for (; in.chars < line.size() && in.columns < maxColumns; ++in.chars) {
        if (line[in.chars] == u' ') ++in.columns;
        else if (line[in.chars] == u'\t') in.columns += 4 - in.columns % 4;
        else break;
    }
    return in;
}

/// The column where a line's text starts.
qsizetype indentColumns(QStringView line) { return leadingIndent(line).columns; }

/// The line with its first 4 columns of indentation taken off (an indented code block's line).
QString dropIndent(QStringView line) { return line.mid(leadingIndent(line, 4).chars).toString(); }

/// The column where a list item's text starts ("- a" 2, "10. a" 4), or -1 for a line that opens no list item.
qsizetype listItemContent(QStringView line) {
    const qsizetype indent = leadingSpaces(line);
    if (indent > 3) return -1;
    qsizetype i = indent;
    if (i < line.size() && (line[i] == u'-' || line[i] == u'*' || line[i] == u'+')) {
        ++i;
    } else {
        while (i < line.size() && i - indent < 9 && line[i].isDigit()) ++i;
        if (i == indent || i >= line.size() || (line[i] != u'.' && line[i] != u')')) return -1;
        ++i;
    }
    if (i < line.size() && line[i] != u' ' && line[i] != u'\t') return -1;
    const qsizetype spaces = std::min<qsizetype>(leadingSpaces(line.mid(i)), 4);
    return i + std::max<qsizetype>(spaces, 1);
}

/// A line made only of the fence character (after at most 3 columns of indentation, a tab counting to the next 4,
/// trailing blanks allowed), and how many.
qsizetype fenceRun(QStringView line, QChar c) {
    const QStringView t = line.trimmed();
    if (t.isEmpty() || leadingIndent(line).columns > 3) return 0;
    for (const QChar x : t)
        if (x != c) return 0;
    return t.size();
}

/// Drops blank lines at the start and whitespace at the end (indentation of the first line is kept).
QString trimProse(const QString& s) {
    qsizetype start = 0;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] == u'\n') start = i + 1;
        else if (!s[i].isSpace()) break;
    }
    qsizetype end = s.size();
    while (end > start && s[end - 1].isSpace()) --end;
    return s.mid(start, end - start);
}

/// Length of the longest suffix of `text` that is a proper prefix of `tag` (a tag still arriving).
qsizetype partialTagSuffix(QStringView text, const QString& tag) {
    for (qsizetype n = std::min(text.size(), tag.size() - 1); n > 0; --n)
        if (text.right(n) == QStringView(tag).left(n)) return n;
    return 0;
}

/// Where the piece of `t` that starts at `from` ends, and where the next one starts (longer than maxChars remain);
/// {-1, -1}: the rest is one piece (a word longer than maxChars that ends the text, within maxWordChars).
std::pair<qsizetype, qsizetype> pieceCut(QStringView t, qsizetype from, qsizetype maxChars, qsizetype maxWordChars,
                                         MessageSegment::Kind kind) {
    qsizetype limit = from + maxChars;  // the piece is t[from, cut) with cut <= limit
    // The last `what` starting in [lowest, limit). Searched in that window only: searching all of t.left(limit) went
    // on back to the text's start when the window held none, for every piece — a 3,000,000-character line without a
    // space made 732 pieces and ~3e9 character compares, 12 s of an import's opening (session 20 trial F3).
    auto lastIn = [&](QStringView what, qsizetype lowest) -> qsizetype {
        const QStringView window = t.mid(lowest, std::min(limit + what.size() - 1, t.size()) - lowest);
        const qsizetype at = window.lastIndexOf(what);
        return at >= 0 ? lowest + at : -1;
    };
    if (kind == MessageSegment::Kind::Code) {
        if (const qsizetype at = lastIn(u"\n", from + 1); at >= 0) return {at, at + 1};
    } else {
        if (const qsizetype at = lastIn(u"\n\n", from + maxChars / 4); at >= 0) {
            qsizetype next = at;
            while (next < t.size() && t[next] == u'\n') ++next;
            return {at, next};
        }
        if (const qsizetype at = lastIn(u"\n", from + 1); at >= 0) return {at, at + 1};
        if (const qsizetype at = lastIn(u" ", from + 1); at >= 0) return {at, at + 1};
        // One word longer than the window: cut where it ends, not inside it (two text items drew a break there).
        const qsizetype wordLimit = from + maxWordChars;
        for (qsizetype i = limit; i < std::min(wordLimit, t.size()); ++i) {
            if (t[i] != u' ' && t[i] != u'\n') continue;
            qsizetype next = i + 1;
            while (t[i] == u'\n' && next < t.size() && t[next] == u'\n') ++next;
            return {i, next};
        }
        if (t.size() <= wordLimit) return {-1, -1};
        limit = wordLimit;
    }
    qsizetype cut = limit;
    if (t[cut - 1].isHighSurrogate()) --cut;
    return {cut, cut};
}

}  // namespace

std::optional<CodeFence> openingFence(QStringView line) {
    const qsizetype indent = leadingSpaces(line);
    if (indent > 3 || indent >= line.size()) return std::nullopt;
    const QChar c = line[indent];
    if (c != u'`' && c != u'~') return std::nullopt;
    qsizetype n = 0;
    while (indent + n < line.size() && line[indent + n] == c) ++n;
    if (n < 3) return std::nullopt;
    const QString info = line.mid(indent + n).trimmed().toString();
    if (c == u'`' && info.contains(u'`')) return std::nullopt;
    return CodeFence{c, n, info.section(u' ', 0, 0, QString::SectionSkipEmpty)};
}

bool closesFence(QStringView line, const CodeFence& fence) { return fenceRun(line, fence.ch) >= fence.length; }

QList<MessagePiece> splitPieces(const QList<MessageSegment>& segments, qsizetype maxChars, qsizetype maxWordChars) {
    maxChars = std::max<qsizetype>(maxChars, 16);
    maxWordChars = std::max(maxWordChars, maxChars);
    QList<MessagePiece> out;
    for (int i = 0; i < segments.size(); ++i) {
        const MessageSegment& s = segments[i];
        const QStringView t(s.text);
        qsizetype from = 0;
        bool first = true;
        while (t.size() - from > maxChars) {
            const auto [cut, next] = pieceCut(t, from, maxChars, maxWordChars, s.kind);
            if (cut < 0) break;  // the rest: one word, the last piece
            MessagePiece p{s, i, first, false};
            p.part.text = t.mid(from, cut - from).toString();
            out << p;
            from = next;
            first = false;
        }
        MessagePiece p{s, i, first, true};
        if (!first) p.part.text = t.mid(from).toString();
        out << p;
    }
    return out;
}

QList<MessageSegment> splitMessage(const QString& input) {
    QString text = input;
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    QList<MessageSegment> out;
    QStringView rest(text);

    // 1. Reasoning first (spec §7.2: "<think>…</think>" followed by the answer).
    qsizetype ws = 0;
    while (ws < rest.size() && rest[ws].isSpace()) ++ws;
    qsizetype open = -1;  // where the reasoning starts, after "<think>"
    if (rest.mid(ws).startsWith(kThinkPrompt)) {
        // Think mode's prompt ends with "<think" (spec §7.2); ThinkFilter (chat_session.h) turns the model's blanks
        // and ">" into "<think>", and an answer without the ">" into the answer alone. Replies stored before it
        // (901edf4, session 17) begin with "<think" and whatever the model wrote: they are read the same way here.
        const QStringView after = rest.mid(ws + kThinkPrompt.size());
        qsizetype b = 0;
        while (b < after.size() && after[b].isSpace()) ++b;
        qsizetype name = 0;  // another tag that starts so ("<thinking>") is left as it is
        while (name < after.size() && (after[name].isLetterOrNumber() || after[name] == u'_' || after[name] == u'-'))
            ++name;
        if (b < after.size() && after[b] == u'>')
            open = ws + kThinkPrompt.size() + b + 1;
        else if (name == after.size() || after[name] != u'>')
            rest = after.mid(b);  // no reasoning: the answer, without the unfinished tag
    }
    if (open >= 0) {
        const QStringView body = rest.mid(open);
        const qsizetype end = body.indexOf(kThinkClose);
        MessageSegment think;
        think.kind = MessageSegment::Kind::Think;
        think.closed = end >= 0;
        QStringView reasoning = end >= 0 ? body.left(end) : body;
        if (end < 0) reasoning.chop(partialTagSuffix(reasoning, kThinkClose));  // "</thi" still arriving
        think.text = reasoning.trimmed().toString();
        out << think;
        rest = end >= 0 ? body.mid(end + kThinkClose.size()) : QStringView();
    }

    // 2. Prose and fenced code, line by line.
    QString prose;
    auto flushProse = [&] {
        const QString p = trimProse(prose);
        if (!p.isEmpty()) out << MessageSegment{MessageSegment::Kind::Prose, p, {}, true};
        prose.clear();
    };
    std::optional<CodeFence> fence;
    QStringList code;
    // An indented code block (CommonMark: 4+ columns of indent, not inside a paragraph or a list item) is a code
    // segment too, one without a language: before session 26 it stayed prose, bare monospace with no box and no Copy.
    bool indented = false;     // `code` holds an indented code block
    bool canIndent = true;     // the line before ends no paragraph: a blank line, a heading, the start, a fence
    qsizetype listColumn = -1;  // the text column of the list item the prose is in, -1 outside a list
    auto flushIndented = [&] {
        while (!code.isEmpty() && code.last().trimmed().isEmpty()) code.removeLast();  // blank lines after it
        out << MessageSegment{MessageSegment::Kind::Code, code.join(u'\n'), {}, true};
        code.clear();
        indented = false;
    };
    const QList<QStringView> lines = rest.split(u'\n');
    for (const QStringView line : lines) {
        const bool blank = line.trimmed().isEmpty();
        if (indented) {
            if (blank || indentColumns(line) >= 4) {
                code << (blank ? QString() : dropIndent(line));
                continue;
            }
            flushIndented();
            canIndent = true;
        }
        if (!fence) {
            if ((fence = openingFence(line))) {
                flushProse();
                code.clear();
                listColumn = -1;
                continue;
            }
            if (!blank) {
                const qsizetype item = listItemContent(line);
                if (item >= 0) listColumn = item;
                else if (canIndent && indentColumns(line) < listColumn) listColumn = -1;  // after a gap, left of it
                if (item < 0 && canIndent && listColumn < 0 && indentColumns(line) >= 4) {
                    flushProse();
                    indented = true;
                    code << dropIndent(line);
                    continue;
                }
            }
            canIndent = blank || line.trimmed().startsWith(u'#');
            prose += line;
            prose += u'\n';
        } else if (closesFence(line, *fence)) {
            out << MessageSegment{MessageSegment::Kind::Code, code.join(u'\n'), fence->language, true};
            fence.reset();
            code.clear();
            canIndent = true;
        } else {
            code << line.toString();
        }
    }
    if (fence) {  // still streaming (or never closed): show what there is, minus a closing fence half written
        while (!code.isEmpty() && (code.last().trimmed().isEmpty() || fenceRun(code.last(), fence->ch) > 0))
            code.removeLast();
        out << MessageSegment{MessageSegment::Kind::Code, code.join(u'\n'), fence->language, false};
    } else if (indented) {
        flushIndented();
    } else {
        flushProse();
    }
    return out;
}

// --- MessageSegmentModel ---

MessageSegmentModel::MessageSegmentModel(QObject* parent) : QAbstractListModel(parent) {}

void MessageSegmentModel::setText(const QString& text) {
    if (text == text_) return;
    text_ = text;
    update();
    emit textChanged();
}

void MessageSegmentModel::setPlain(bool plain) {
    if (plain == plain_) return;
    plain_ = plain;
    update();
    emit plainChanged();
    emit textChanged();  // endsWithProse
}

void MessageSegmentModel::update() {
    segments_ = !plain_ ? splitMessage(text_)
                : text_.isEmpty() ? QList<MessageSegment>{}
                                  : QList<MessageSegment>{MessageSegment{MessageSegment::Kind::Prose, text_, {}, true}};
    const QList<MessagePiece> next = splitPieces(segments_);
    const qsizetype before = rows_.size();
    const qsizetype common = std::min(rows_.size(), next.size());
    qsizetype same = 0;  // leading rows of the same kind, segment and first keep their delegates
    while (same < common && rows_[same].part.kind == next[same].part.kind && rows_[same].segment == next[same].segment &&
           rows_[same].first == next[same].first)
        ++same;
    for (qsizetype i = 0; i < same; ++i) {
        if (rows_[i] == next[i]) continue;
        rows_[i] = next[i];
        emit dataChanged(index(int(i)), index(int(i)));
    }
    if (rows_.size() > same) {
        beginRemoveRows({}, int(same), int(rows_.size() - 1));
        rows_.resize(same);
        endRemoveRows();
    }
    if (next.size() > same) {
        beginInsertRows({}, int(same), int(next.size() - 1));
        for (qsizetype i = same; i < next.size(); ++i) rows_ << next[i];
        endInsertRows();
    }
    if (rows_.size() != before) emit countChanged();
}

int MessageSegmentModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

QVariant MessageSegmentModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const MessagePiece& p = rows_.at(index.row());
    switch (role) {
    case KindRole: return int(p.part.kind);
    case Qt::DisplayRole:
    case SegmentTextRole: return drawableText(p.part.text);  // U+FFFC drew nothing in a TextEdit (drawable_text.h)
    case LanguageRole: return p.part.language;
    case ClosedRole: return p.part.closed;
    case FirstRole: return p.first;
    case LastRole: return p.last;
    case SegmentRole: return p.segment;
    case LongestLineRole: {
        qsizetype longest = 0;
        for (const QStringView line : QStringView(p.part.text).split(u'\n')) longest = std::max(longest, line.size());
        return int(longest);
    }
    case WordPieceRole: return p.part.kind != MessageSegment::Kind::Code && p.part.text.size() > kMaxPieceChars;
    default: return {};
    }
}

QHash<int, QByteArray> MessageSegmentModel::roleNames() const {
    return {{KindRole, "kind"},   {SegmentTextRole, "segmentText"}, {LanguageRole, "language"},
            {ClosedRole, "closed"}, {FirstRole, "first"},           {LastRole, "last"},
            {SegmentRole, "segment"}, {LongestLineRole, "longestLine"}, {WordPieceRole, "wordPiece"}};
}

QString MessageSegmentModel::wholeSegmentText(int row) const {
    if (row < 0 || row >= rows_.size()) return {};
    return segments_.value(rows_[row].segment).text;
}

int MessageSegmentModel::wrappedLines(int row, int charsPerLine) const {
    if (row < 0 || row >= rows_.size()) return 0;
    qsizetype lines = 0;
    for (const QStringView line : QStringView(rows_[row].part.text).split(u'\n'))
        lines += charsPerLine > 0 ? std::max<qsizetype>(1, (line.size() + charsPerLine - 1) / charsPerLine) : 1;
    return int(std::min<qsizetype>(lines, std::numeric_limits<int>::max()));
}

int MessageSegmentModel::pieceHolding(const QString& words) const {
    const QStringList parts = words.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (parts.isEmpty()) return -1;
    QStringList escaped;
    for (const QString& w : parts) escaped << QRegularExpression::escape(w);
    for (const QString& pattern : {escaped.join(QStringLiteral("\\s+")), escaped.constFirst()}) {
        const QRegularExpression re(pattern, QRegularExpression::CaseInsensitiveOption |
                                                 QRegularExpression::UseUnicodePropertiesOption);
        for (qsizetype row = 0; row < rows_.size(); ++row)
            if (re.match(rows_[row].part.text).hasMatch()) return int(row);
        if (parts.size() == 1) break;
    }
    return -1;
}

}  // namespace rwkv::app
