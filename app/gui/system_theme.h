// system_theme.h — whether the desktop uses a dark colour scheme, read from the application palette (Qt 6.4 has
// no QStyleHints::colorScheme): the window colour is darker than the window text. Follows palette changes at run
// time. Exposed to QML as the SystemTheme singleton; Theme.qml combines it with the user's choice in Settings.
#pragma once

#include <QObject>

class QPalette;

namespace rwkv::gui {

class SystemTheme : public QObject {
    Q_OBJECT
    Q_PROPERTY(bool dark READ dark NOTIFY darkChanged)
public:
    /// Watches the QGuiApplication's palette (must exist).
    explicit SystemTheme(QObject* parent = nullptr);

    bool dark() const { return dark_; }
    /// The rule: window background darker than window text.
    static bool isDark(const QPalette& palette);

signals:
    void darkChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool dark_ = false;
};

}  // namespace rwkv::gui
