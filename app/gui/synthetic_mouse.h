// synthetic_mouse.h — mouse events as a hand makes them, for the app's test hooks (--keys Click:/Drag…/ScrollBar…,
// --startup-click): one place builds the QMouseEvent that a press, a move or a release sends to a window.
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QMouseEvent>
#include <QPointF>
#include <QQuickWindow>

namespace rwkv::gui {

/// Sends a `type` mouse event (press, move or release) at scene point `at` of `window`. `button` is the button that
/// changed (Qt::NoButton for a move), `buttons` those held after it. `stamped`: with the time of day in milliseconds,
/// as a window system stamps it (Flickable's drag velocity needs real times; unstamped events carry 0).
inline void sendMouse(QQuickWindow* window, QEvent::Type type, QPointF at, Qt::MouseButton button,
                      Qt::MouseButtons buttons, bool stamped = false) {
    QMouseEvent e(type, at, at, window->mapToGlobal(at), button, buttons, Qt::NoModifier);
    if (stamped) e.setTimestamp(static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()));
    QCoreApplication::sendEvent(window, &e);
}

/// A click of `button` at scene point `at`: its press, then its release.
inline void clickAt(QQuickWindow* window, QPointF at, Qt::MouseButton button = Qt::LeftButton) {
    sendMouse(window, QEvent::MouseButtonPress, at, button, button);
    sendMouse(window, QEvent::MouseButtonRelease, at, button, Qt::NoButton);
}

}  // namespace rwkv::gui
