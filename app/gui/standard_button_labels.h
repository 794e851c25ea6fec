// standard_button_labels.h — Qt's own labels of dialog buttons (OK, Cancel, Yes, No, Open…) written again after a
// language switch. Qt 6.4's DialogButtonBox (a Dialog's standardButtons, the file dialogs' Open / Cancel) sets a
// standard button's label once, when it makes the button, and QQmlEngine::retranslate() does not reach it: after
// 简体中文 → English in Settings the "Delete model" question still read 是 / 否 and the file dialogs 打开 / 取消
// (session 39's trial). LanguageSwitcher reads the labels before it swaps the translators and relabels after.
#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace rwkv::gui {

/// Each standard button (its QPlatformDialogHelper::StandardButton bit: Ok 0x400 … Cancel 0x400000) and its labels as
/// Qt writes them under the translators installed now: the generic theme's wording, then GNOME's where it has its own
/// ("&Cancel"), mnemonics removed as Qt does ("否(&N)" → "否").
using StandardButtonLabels = QHash<int, QStringList>;

/// The labels under the translators installed now.
StandardButtonLabels standardButtonLabels();

/// Qt's way of dropping a mnemonic from a label: "&Yes" → "Yes", "是(&Y)" → "是", "&&" keeps one "&".
QString withoutMnemonic(const QString& label);

/// In every DialogButtonBox among `roots` and their QObject descendants, each standard button still showing its
/// label from `before` gets the same wording's label from `after`; a label the app set itself (a file dialog's
/// "Export") is left as it is. Returns how many buttons changed.
int relabelStandardButtons(const QList<QObject*>& roots, const StandardButtonLabels& before,
                           const StandardButtonLabels& after);

}  // namespace rwkv::gui
