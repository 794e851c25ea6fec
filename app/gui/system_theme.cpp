// system_theme.cpp — see system_theme.h.
#include "system_theme.h"

#include <QEvent>
#include <QGuiApplication>
#include <QPalette>

namespace rwkv::gui {

SystemTheme::SystemTheme(QObject* parent) : QObject(parent), dark_(isDark(QGuiApplication::palette())) {
    qApp->installEventFilter(this);
}

bool SystemTheme::isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

bool SystemTheme::eventFilter(QObject* watched, QEvent* event) {
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange) {
        const bool d = isDark(QGuiApplication::palette());
        if (d != dark_) {
            dark_ = d;
            emit darkChanged();
        }
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace rwkv::gui
