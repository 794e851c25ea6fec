// message_segments.h — splits an assistant reply into the parts the chat view draws differently: prose (Markdown),
// fenced code blocks (monospace, with a Copy button) and the model's reasoning (`<think>…</think>`, RWKV-7 spec
// §7.2; shown collapsible), and cuts long parts into pieces of at most kMaxPieceChars characters, so that the view
// lays out only the pieces near the screen (a 200 KB reply in one text item took seconds to lay out).
// MessageSegmentModel keeps the pieces of a growing (streamed) reply as a list model that changes in place, so the
// view's delegates survive every delta. Tested in tests/app/test_message_segments.cpp.
#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace rwkv::app {

/// One part of a reply.
struct MessageSegment {
    enum class Kind { Prose, Code, Think };
    Kind kind = Kind::Prose;
    QString text;      ///< Prose: Markdown source; Code: the code without the fences; Think: the reasoning text
    QString language;  ///< Code only: the info string after the opening fence ("cpp"), may be empty
    bool closed = true;  ///< Code/Think: the closing fence or </think> was seen (false while it is still streaming)
    bool operator==(const MessageSegment&) const = default;
};

/// A fenced code block's opening line, as CommonMark reads it.
struct CodeFence {
    QChar ch;              ///< '`' or '~'
    qsizetype length = 0;  ///< how many of them (3 or more)
    QString language;      ///< the info string's first word, may be empty
};

/// The fence `line` opens: after at most 3 spaces, 3 or more backticks (with no backtick in the info string after
/// them) or tildes; nullopt for any other line.
std::optional<CodeFence> openingFence(QStringView line);

/// Whether `line` closes a block `fence` opened: after at most 3 columns of indentation (a tab counts to the next
/// 4), at least `fence.length` of `fence.ch` and nothing else but blanks.
bool closesFence(QStringView line, const CodeFence& fence);

/// Splits a reply. Rules:
///  * a reply that starts (after whitespace) with "<think>" (blanks may stand before the ">") begins with a Think
///    segment running to "</think>", or to the end of the text (closed = false) while the reasoning is still being
///    written; one that starts with "<think" and no ">" (Think mode's prompt tag, kept by replies stored before
///    ThinkFilter, 901edf4) shows what follows the tag, as ThinkFilter does; another tag ("<thinking>") stays;
///  * a code fence is a line starting (after at most 3 spaces) with ``` or ~~~ (3 or more); it closes at a line
///    of at least as many of the same character and nothing else; an unclosed fence runs to the end (closed =
///    false). The info string's first word is the language;
///  * an indented code block (CommonMark: lines of 4+ columns of indent, a tab counting to the next 4, after a blank
///    line, a heading, a fence or the start, not inside a list item) is Code without a language, its lines less
///    4 columns of indent, blank lines at its end dropped; it ends at a line of less indent (closed = true);
///  * everything else is Prose; blank lines around prose are trimmed and empty prose segments dropped.
/// Never fails: any text gives a list (empty for blank text).
QList<MessageSegment> splitMessage(const QString& text);

/// The most characters of one piece (below): about 50 lines of prose in the window, laid out in a few milliseconds.
inline constexpr qsizetype kMaxPieceChars = 4096;

/// A piece of a segment: a whole segment when it is short, else one of the consecutive parts it is cut into.
struct MessagePiece {
    MessageSegment part;  ///< kind, language and closed of its segment; `text` is this piece's text only
    int segment = 0;      ///< the index of its segment in splitMessage's list
    bool first = true;    ///< the segment's first piece (a code block's header, the reasoning's toggle)
    bool last = true;     ///< the segment's last piece
    bool operator==(const MessagePiece&) const = default;
};

/// The most characters of a piece of prose or reasoning that is one word longer than kMaxPieceChars (a hash, base64,
/// a URL: no space or line break in a piece's window). Such a word is not cut at kMaxPieceChars: its pieces, each a
/// text item of its own, drew a short line and a new one every 4,096 characters, where the text should wrap at the
/// bubble's edge only (session 58's loose ends). Kept whole up to this many characters (a 120,000-character word is
/// one text item: laid out in about as long as a 100,000-character paste in the message box), cut inside beyond it.
inline constexpr qsizetype kMaxWordPieceChars = 262144;

/// Cuts every segment longer than `maxChars` (>= 16) into pieces of at most `maxChars` characters, greedily from
/// its start, so a piece once followed by another never changes as the text grows. Where a piece is cut:
///  * code: after the last line break that fits (the break itself is dropped: joining the pieces with "\n" gives
///    the code back); a line longer than `maxChars` is cut inside (no break dropped);
///  * prose and reasoning: at the last blank line that fits in the piece's last three quarters (the line breaks
///    there are dropped: Markdown starts a new paragraph anyway), else the last line break, else the last space
///    (dropped); where the piece's window holds none (a word longer than `maxChars`), at the first space or line
///    break after it (dropped, with the line breaks that follow), the piece longer than `maxChars` then, but at most
///    `maxWordChars` (>= maxChars) long: a longer word is cut inside there. While such a word is the text's end
///    (still arriving), it is the last piece, whole.
/// A cut never splits a UTF-16 surrogate pair. Short segments give one piece each (first and last).
QList<MessagePiece> splitPieces(const QList<MessageSegment>& segments, qsizetype maxChars = kMaxPieceChars,
                                qsizetype maxWordChars = kMaxWordPieceChars);

/// The pieces of one message as a list model for a QML Repeater. Setting `text` re-splits it and updates the
/// rows in place: a row whose kind, segment and `first` are unchanged keeps its delegate (dataChanged), new rows
/// are inserted and surplus rows removed at the end — so a streamed reply only ever touches its last rows.
class MessageSegmentModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY textChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
    /// The last row is prose (the view then puts the typing cursor inside it).
    Q_PROPERTY(bool endsWithProse READ endsWithProse NOTIFY textChanged)
    /// Plain text (a user's message, shown as typed): one prose part — no Markdown fences, no reasoning, nothing
    /// trimmed — cut into pieces as prose is. False (a reply) by default.
    Q_PROPERTY(bool plain READ plain WRITE setPlain NOTIFY plainChanged)
public:
    enum class Kind { Prose, Code, Think };
    Q_ENUM(Kind)
    enum Roles {
        KindRole = Qt::UserRole + 1,  ///< int(Kind)
        SegmentTextRole,              ///< QString
        LanguageRole,                 ///< QString (Code)
        ClosedRole,                   ///< bool (Code, Think)
        FirstRole,                    ///< bool: the first piece of its segment
        LastRole,                     ///< bool: the last piece of its segment
        SegmentRole,                  ///< int: the segment's index (pieces of one segment share it)
        LongestLineRole,              ///< int: characters in the piece's longest line (a width estimate)
        /// bool: the piece is one word longer than kMaxPieceChars (prose or reasoning: splitPieces cuts nowhere else
        /// past it), laid out wrapping anywhere: Qt 6.4's word wrap measured the rest of such a word for each line it
        /// made, 5 s for a 150,000-letter word (session 59), where wrapping anywhere gives the same lines at once.
        WordPieceRole,
    };

    explicit MessageSegmentModel(QObject* parent = nullptr);

    QString text() const { return text_; }
    void setText(const QString& text);
    bool plain() const { return plain_; }
    void setPlain(bool plain);
    bool endsWithProse() const { return !rows_.isEmpty() && rows_.last().part.kind == MessageSegment::Kind::Prose; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The whole text of the segment that piece `row` belongs to (a code block's Copy); empty for a bad row.
    Q_INVOKABLE QString wholeSegmentText(int row) const;
    /// How many lines piece `row` takes when lines wrap at `charsPerLine` characters (each line at least one; no
    /// wrapping for `charsPerLine` <= 0): the height of a piece not laid out yet, estimated. 0 for a bad row.
    Q_INVOKABLE int wrappedLines(int row, int charsPerLine) const;
    /// The first piece whose text holds `words` (a search's: case aside, its blanks matching any run of white space,
    /// as the search finds words across a line break), else the first that holds its first word; -1 when none does
    /// or `words` is blank. Where a search hit opens a message taller than the view (MessageView's onMessageShown).
    Q_INVOKABLE int pieceHolding(const QString& words) const;

signals:
    void textChanged();
    void countChanged();
    void plainChanged();

private:
    void update();  // re-splits text_ and changes the rows in place

    QString text_;
    bool plain_ = false;
    QList<MessageSegment> segments_;
    QList<MessagePiece> rows_;
};

}  // namespace rwkv::app
