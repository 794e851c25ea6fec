// conversation_export_markdown.cpp — a conversation as Markdown to read: the branch the app shows, each reply's end
// marked, a code block a reply leaves open closed first, its model and folder in the last line (conversation_export.h:
// exportMarkdown).
#include "conversation_export.h"

#include <QDateTime>
#include <QStringList>

#include <optional>

#include "branch_to_continue.h"  // leafToShow
#include "conversation_title.h"  // oneLineTitle
#include "message_segments.h"    // openingFence / closesFence: the export closes a code block a reply leaves open
#include "store/conversation_store.h"

namespace rwkv::app {
namespace {

/// The fence line that closes a code block `text` leaves open ("```" or "~~~~", the opener's character and length),
/// else empty: a reply stopped inside a code block would take its end mark, the "---" and the footer into the code
/// (session 29's check, R1). Fences as CommonMark reads them at the top level: up to 3 spaces, then 3+ backticks (no
/// backtick after them) or tildes; closed by a line of the same character at least as long, then only blanks. The
/// first line is left out: it follows "**Who:** " in the export, where no fence opens.
QString openFenceCloser(const QString& text) {
    const QStringList lines = text.split(u'\n');
    std::optional<CodeFence> open;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (!open) open = openingFence(lines[i]);
        else if (closesFence(lines[i], *open)) open.reset();
    }
    return open ? QString(open->length, open->ch) : QString();
}

}  // namespace

QByteArray exportMarkdown(const store::ConversationStore& store, qint64 conversationId) {
    const store::Conversation c = conversationOrThrow(store, conversationId);
    const QString title = oneLineTitle(c.title);  // a heading is one line
    QString md = QStringLiteral("# %1\n\n").arg(title.isEmpty() ? QStringLiteral("Conversation") : title);
    if (!c.system_prompt.isEmpty()) md += QStringLiteral("> **System:** %1\n\n").arg(c.system_prompt);
    // The branch the app shows (and `rwkv-cli chat --conversation` continues): the one viewed last, else the newest.
    const qint64 leaf = leafToShow(store, conversationId);
    const QList<store::Message> newest = store.messages(conversationId);
    const QList<store::Message> branch = leaf != 0 ? store.branch(leaf) : newest;
    const bool viewed = leaf != 0 && !newest.isEmpty() && leaf != newest.back().id;
    for (const store::Message& m : branch) {
        const QString who = m.role == store::Role::User        ? QStringLiteral("User")
                            : m.role == store::Role::Assistant ? QStringLiteral("Assistant")
                                                               : QStringLiteral("System");
        const QString mark = !m.finished                          ? QStringLiteral(" *(unfinished)*")
                             : m.end == store::ReplyEnd::Stopped ? QStringLiteral(" *(stopped)*")
                             : m.end == store::ReplyEnd::Closed
                                 ? QStringLiteral(" *(cut off when the program writing it was closed)*")
                             : m.end == store::ReplyEnd::LengthLimit ? QStringLiteral(" *(reached the length limit)*")
                                                                     : QString();
        // A code block left open is closed first, so the mark and what follows are text again.
        const QString closer = openFenceCloser(m.text);
        const QString text = closer.isEmpty() ? m.text
                             : m.text.endsWith(u'\n') ? m.text + closer + u'\n'
                                                      : m.text + u'\n' + closer + u'\n';
        md += QStringLiteral("**%1:** %2%3\n\n").arg(who, text, closer.isEmpty() ? mark : mark.trimmed());
    }
    const int all = int(store.allMessages(conversationId).size());
    // What the file says of the chat beside its messages, in the last line, as its model (no header lines above the
    // messages: the title and the instructions are the chat's own text)
    QStringList about;
    if (!c.model_name.isEmpty()) about << QStringLiteral("model %1").arg(c.model_name);
    if (const QString folder = store.folderName(c.folder_id); !folder.isEmpty())
        about << QStringLiteral("folder \"%1\"").arg(folder);
    md += QStringLiteral("---\n*Exported from RWKV Desktop on %1%2; %3, %4 of %5 messages.*\n")
              .arg(QDateTime::currentDateTime().toString(Qt::ISODate),
                   about.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(about.join(QStringLiteral(", "))),
                   viewed ? QStringLiteral("the branch viewed last in the app") : QStringLiteral("the newest branch"))
              .arg(branch.size())
              .arg(all);
    return md.toUtf8();
}

}  // namespace rwkv::app
