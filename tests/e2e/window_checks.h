// window_checks.h — what the e2e tests check of the window the real rwkv-desktop drew or printed: the danger-red
// banners of a screenshot (light theme) and whether text runs on under their buttons, its mean grey (the theme), QML
// warnings on stderr; and keeping a screenshot for docs/screenshots/ ($RWKV_SCREENSHOT_DIR). Used by test_app_e2e,
// test_settings_e2e, test_data_folder_e2e and test_models_e2e.
#pragma once

#include <QDir>
#include <QFile>
#include <QImage>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QTest>

#include <utility>

namespace rwkv::e2e {

/// Mean grey level (0 black .. 255 white) of an image, sampled every 4th pixel.
inline double meanGrey(const QImage& image) {
    double sum = 0;
    qint64 n = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4, ++n) sum += qGray(image.pixel(x, y));
    return n ? sum / double(n) : 0;
}

/// QML errors the app printed ("qrc:/RwkvDesktop/X.qml:12: ReferenceError: ..."): a broken binding or delegate.
inline QStringList qmlWarnings(const QString& err) {
    static const QRegularExpression error(
        QStringLiteral("Error|Cannot |Unable to|is not a|undefined|is not defined|Type \\w+ unavailable"));
    QStringList out;
    for (const QString& line : err.split(u'\n'))
        if (line.contains(QStringLiteral("qrc:/RwkvDesktop/")) && line.contains(error)) out << line;
    return out;
}

/// Copies a screenshot to $RWKV_SCREENSHOT_DIR when set (how docs/screenshots/ are made: see docs/testing.md).
inline void keepScreenshot(const QString& png, const QString& name) {
    const QString dir = qEnvironmentVariable("RWKV_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    const QString target = QDir(dir).filePath(name);
    QFile::remove(target);
    QVERIFY(QFile::copy(png, target));
}

/// A danger-red pixel (the banners' border and error text, light theme).
inline bool isReddish(QRgb c) { return qRed(c) > qGreen(c) + 60 && qRed(c) > qBlue(c) + 60; }

/// The rows inside a danger-red banner in the lower half of the window (its top and bottom borders are the rows more
/// than a third red), 3 px in from the rounded border; {-1, -1} when there is none.
inline std::pair<int, int> redBannerInside(const QImage& image) {
    QList<int> borders;
    for (int y = image.height() / 2; y < image.height(); ++y) {
        int n = 0;
        for (int x = 0; x < image.width(); ++x) n += isReddish(image.pixel(x, y));
        if (n > image.width() / 3) borders << y;
    }
    if (borders.size() < 2) return {-1, -1};
    return {borders.constFirst() + 3, borders.constLast() - 3};
}

/// The download banner in a light-theme screenshot: its top and bottom border rows are the rows of the lower half
/// that are more than a third Theme.danger (#c92a2a); its buttons, the box of the Theme.control (#e9ebef) pixels
/// between them. Returns how many reddish (text) pixels lie in the buttons' columns above or below the buttons —
/// lines of the message that ran on under them (inside the box, the labels' sub-pixel fringes are reddish too) —
/// or -1 when no banner or no button is found.
inline int redTextInButtonColumns(const QImage& image) {
    const auto control = [](QRgb c) {
        return qAbs(qRed(c) - 0xe9) <= 2 && qAbs(qGreen(c) - 0xeb) <= 2 && qAbs(qBlue(c) - 0xef) <= 2;
    };
    const auto [top, bottom] = redBannerInside(image);
    if (top < 0) return -1;
    int left = image.width(), right = -1, high = image.height(), low = -1;
    for (int y = top; y < bottom; ++y)
        for (int x = 0; x < image.width(); ++x)
            if (control(image.pixel(x, y))) left = qMin(left, x), right = qMax(right, x), high = qMin(high, y), low = y;
    if (right < 0) return -1;
    int n = 0;
    for (int y = top; y < bottom; ++y)
        if (y < high || y > low)
            for (int x = left; x <= right; ++x) n += isReddish(image.pixel(x, y));
    return n;
}

/// The error banner (danger-red border) in the lower half of the window: how many reddish (text) pixels lie in the
/// columns of its ✕ button (the 40 px left of the banner's right border, 6 px margin) — a line of the message that
/// ran on under the button —, or -1 when no banner is found. The ✕ itself is drawn in the text colour.
inline int redTextUnderTheCloseButton(const QImage& image) {
    const auto [top, bottom] = redBannerInside(image);
    if (top < 0) return -1;
    int edge = -1;  // the right border: the rightmost column red in most of the banner's rows (text never is)
    for (int x = image.width() - 1; x >= 0 && edge < 0; --x) {
        int n = 0;
        for (int y = top; y < bottom; ++y) n += isReddish(image.pixel(x, y));
        if (n > (bottom - top) * 4 / 5) edge = x;
    }
    if (edge < 50) return -1;
    int n = 0;
    for (int y = top; y < bottom; ++y)
        for (int x = edge - 44; x <= edge - 4; ++x) n += isReddish(image.pixel(x, y));
    return n;
}

}  // namespace rwkv::e2e
