// recovery_notice.cpp — see recovery_notice.h.
#include "recovery_notice.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

#include "models/one_line.h"  // isolated, isolatedPath
#include "models/wording.h"   // joinSentences

namespace rwkv::gui {

namespace {
/// Up to three of `titles` as the banner names chats: each quoted and isolated (models::isolated: a right-to-left title
/// keeps the sentence in order), "…" after them when there are more, joined by the language's list separator (zh_CN's
/// "、", not ", " inside a Chinese sentence: session 38's check).
QString quotedTitles(const QStringList& titles) {
    QStringList named = titles.first(std::min<qsizetype>(3, titles.size()));
    for (QString& t : named) t = QStringLiteral("“%1”").arg(models::isolated(t));
    if (titles.size() > 3) named << QStringLiteral("…");
    return named.join(QCoreApplication::translate("main", ", ", "between the quoted titles of a list of chats"));
}
}  // namespace

QString recoveryNotice(const store::RecoveryReport& report, const QString& movedAsideTo) {
    // One count of the chats back, those by title only among them, in plural forms (session 38's trial: "chats back: 0
    // (0 messages); chats that could not be read: 0. … 3 chat(s) came back by title only").
    QString byTitle;
    if (report.chatsEmptied > 0) {  // their rows were whole, their messages' pages not (session 37's trial)
        const int n = report.chatsEmptied;
        byTitle = (n == report.chats
                       ? QCoreApplication::translate("main", ", by title only, empty: the messages could not be read (%1)")
                       : QCoreApplication::translate("main", ", %n of them by title only, empty: the messages could not "
                                                             "be read (%1)", "", n))
                      .arg(quotedTitles(report.emptiedTitles));
    }
    QString text = QCoreApplication::translate("main", "Your conversation database was damaged. What could be read was "
                                                       "recovered into a new one: %n chat(s) back (%1)%2.",
                                               "", report.chats)
                       .arg(QCoreApplication::translate("main", "%n message(s)", "", report.messages), byTitle);
    if (report.chatsLost > 0)
        text = models::joinSentences(
            text, QCoreApplication::translate("main", "%n chat(s) could not be read.", "", report.chatsLost));
    // No "none lost" where pages or the header could not be read: chats that no row read names may have been there
    // (session 38's trial: a damaged header, "could not be read: 0" with 2 of 3 chats gone).
    if (report.mayHaveLostMore())
        text = models::joinSentences(
            text, report.chatsLost > 0
                      ? QCoreApplication::translate("main", "Others may have been lost too: parts of the file could not "
                                                            "be read, so how many is not known.")
                      : QCoreApplication::translate("main", "Some chats may have been lost: parts of the file could not "
                                                            "be read, so how many is not known."));
    text = models::joinSentences(
        text, QCoreApplication::translate("main", "The damaged file was moved to %1 (nothing was deleted).")
                  .arg(models::isolatedPath(movedAsideTo)));
    if (report.untitled)
        text = models::joinSentences(text, QCoreApplication::translate(
                                               "main", "Chats whose titles could not be read are named after their "
                                                       "first message."));
    // A title not UTF-8, with control characters or blank (session 37's check), named by its new title: "renamed
    // “Recovered chat N”" had a user look for a chat called that (session 38's check).
    if (report.retitled > 0)
        text = models::joinSentences(
            text, QCoreApplication::translate("main", "Damaged titles: %n chat(s) renamed %1.", "", report.retitled)
                      .arg(quotedTitles(report.retitledTitles)));
    return text;
}

QString recoveryLogLine(const store::RecoveryReport& report) {
    // "1 chat", "1 message": "recovered 1 chats (1 messages)" before session 40 (its trial, nit).
    const auto count = [](long long n, const char* one, const char* many) {
        return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
    };
    // What was lost: the chats known lost, and whether more may be (pages or the header unread). Session 44's trial:
    // "0 could not be read, more may be lost" after a heavy damage read as a contradiction.
    const QString unread = QStringLiteral("%1 unread%2")
                               .arg(count(report.pagesUnread, "page", "pages"))
                               .arg(report.headerUnread ? QStringLiteral(", the header damaged") : QString());
    QString lost;
    if (report.chatsLost > 0)
        lost = QStringLiteral("%1 could not be read").arg(count(report.chatsLost, "chat", "chats")) +
               (report.mayHaveLostMore() ? QStringLiteral(", more may be lost (%1)").arg(unread) : QString());
    else
        lost = report.mayHaveLostMore() ? QStringLiteral("how many chats were lost is not known (%1)").arg(unread)
                                        : QStringLiteral("no chat lost");
    // The chats back by title only, as the window's notice counts them (session 45's trial: "recovered 1 chat … 1 of
    // them by title only", and "0 of them by title only" after every recovery that lost no messages).
    QString byTitle;
    if (report.chatsEmptied > 0 && report.chatsEmptied >= report.chats)
        byTitle = report.chats == 1 ? QStringLiteral(", by title only (its messages lost)")
                                    : QStringLiteral(", all by title only (their messages lost)");
    else if (report.chatsEmptied > 0)
        byTitle = QStringLiteral(", %1 of them by title only (%2 messages lost)")
                      .arg(report.chatsEmptied)
                      .arg(QLatin1String(report.chatsEmptied == 1 ? "its" : "their"));
    return QStringLiteral("; recovered %1 (%2) from it%3; %4\n")
        .arg(count(report.chats, "chat", "chats"))
        .arg(count(report.messages, "message", "messages"))
        .arg(byTitle)
        .arg(lost);
}

}  // namespace rwkv::gui
