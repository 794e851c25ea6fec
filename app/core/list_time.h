// list_time.h — when a chat was used or a message written, as the sidebar's rows and search results show it, and when
// a file was changed, as a file dialog's rows show it.
#pragma once

#include <QDateTime>
#include <QLocale>
#include <QString>

namespace rwkv::app {

/// `msecs` (ms since the epoch, local time): "14:03" today, else the day in `locale`'s language — "5 Jan 2026" (the
/// month by name: 1/5/26 reads two ways), in Japanese and Chinese "2026年1月5日" as they write a date (the Latin order
/// read "5 1月 2026": session 49).
inline QString listTime(qint64 msecs, const QLocale& locale = QLocale()) {
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(msecs);
    if (t.date() == QDate::currentDate()) return locale.toString(t.time(), QStringLiteral("HH:mm"));
    const bool hanDate = locale.language() == QLocale::Japanese || locale.language() == QLocale::Chinese;
    return locale.toString(t.date(), hanDate ? QStringLiteral("yyyy年M月d日") : QStringLiteral("d MMM yyyy"));
}

/// When a file was last changed, as a file dialog's row shows it: `locale`'s short date and time, with CLDR's day period
/// (the pattern letter 'B', which Qt 6.4 does not know and writes as a "B") written as Qt's AM / PM, which the locale
/// names (上午 / 下午). Qt's own rows read "2026/1/5 B14:03" in 繁體中文, whose short time is "Bh:mm" (session 59's
/// trial); now "2026/1/5 下午2:03", as zh_HK's "APh:mm" writes it. Other formats are the locale's own.
inline QString fileTime(const QDateTime& time, const QLocale& locale = QLocale()) {
    const QString format = locale.dateTimeFormat(QLocale::ShortFormat);
    QString known;
    bool quoted = false;  // 'text' in a format is written as it is
    for (qsizetype i = 0; i < format.size(); ++i) {
        if (format.at(i) == u'\'') quoted = !quoted;
        if (quoted || format.at(i) != u'B') {
            known += format.at(i);
            continue;
        }
        while (i + 1 < format.size() && format.at(i + 1) == u'B') ++i;  // B, BBBB, BBBBB: one day period
        known += QStringLiteral("AP");
    }
    return locale.toString(time, known);
}

}  // namespace rwkv::app
