// list_time.h — when a chat was used or a message written, as the sidebar's rows and search results show it.
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

}  // namespace rwkv::app
