// dialog_rows.h — the DialogRows singleton of RwkvDesktop.Core: makes the highlighted row of Qt Quick's own file and
// folder dialogs readable, and names Ctrl+L (type a path) in their title. Their row delegate (QtQuick/Dialogs/
// quickimpl FileDialogDelegate.qml) draws the current row on palette.light blended with 15 % of palette.highlight —
// near white with our light theme — but colours its text palette.highlightedText, our white (Theme.accentText):
// white on light lavender (session 20's trial, F4). The dialog (a QObject, not an Item) has no palette of its own in
// QML; its implementation popup, made on its first open, has one. Also makes Open act on what the dialog shows
// (guardOpen), and Return in Save save under the name shown (guardSave).
#pragma once

#include <QColor>
#include <QObject>
#include <QUrl>

class QQuickItem;

namespace rwkv::gui {

/// The parts of an open Qt Quick file dialog (QtQuick/Dialogs/quickimpl FileDialog.qml) whose list of entries is `list`
/// (the item named fileDialogListView): its implementation `impl` (a QQuickFileDialogImpl: selectedFile,
/// selectedNameFilter.globs), its popup item and its accept button (Open; "Export" where acceptLabel says so). A member
/// is null where it was not found (another Qt version's dialog).
struct FileDialogParts {
    QObject* impl = nullptr;
    QQuickItem* popup = nullptr;
    QQuickItem* accept = nullptr;
};
FileDialogParts fileDialogParts(QQuickItem* list);

/// Whether the selected entry of an open Qt Quick file dialog (`parts`) is a file its list shows: it exists, is not a
/// folder, and its name matches the name filter in use (FolderListModel's nameFilters, case-sensitive; none or "*"
/// shows every file).
bool selectedFileIsShown(const FileDialogParts& parts);

/// The label of `row` (a row of a Qt Quick file dialog's list, a QQuickFileDialogDelegate drawn by Qt 6.4's
/// FileDialogDelegateLabel.qml) that shows the entry's size under its name; null where not found (another Qt's rows).
QQuickItem* fileSizeLabel(QQuickItem* row);

/// The label of `row` (as fileSizeLabel's) that shows when the entry was last changed, beside its size; null where not
/// found.
QQuickItem* fileTimeLabel(QQuickItem* row);

/// The label of `row` (as fileSizeLabel's) that shows the entry's name beside its icon; null where not found.
QQuickItem* fileNameLabel(QQuickItem* row);

/// The first item under `item` (itself included) whose objectName is `name`, visible or not; null if none.
QQuickItem* findNamed(QQuickItem* item, const QString& name);

class DialogRows : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// Sets palette.highlightedText to `rowText` on the popup of `dialog` (a QtQuick.Dialogs FileDialog or
    /// FolderDialog, open: its implementation popup in the overlay of its parentWindow), so highlighted rows, also
    /// those of its filter list, are `rowText` on their light tint; the text fields inside (the path typed after
    /// Ctrl+L, the file name) keep `selectedText` for selected text, which stays on palette.highlight (the accent) as
    /// everywhere else. A non-empty `titleHint` is shown after the dialog's title ("Import a conversation · Ctrl+L:
    /// type a path"): only in this Qt Quick dialog, not in a platform's native one. Its path bar takes the popup's
    /// palette (base, mid, dark): Qt drew it white in the dark theme too. Returns how many popups were
    /// changed (0 if the dialog is not open or is native). Call it each time the dialog opens (the theme may have
    /// changed). Each file row's size reads as the Models page's (models::humanBytes of the file's size: "3.06 GB"),
    /// a folder's row none: Qt 6.4 wrote binary units from a 32-bit int, so a 3 GB model read "-1.15 GiB" (session
    /// 40's check). Set again whenever rows are made or change (scrolling, another folder, another name filter).
    Q_INVOKABLE int makeReadable(QObject* dialog, const QColor& rowText, const QColor& selectedText,
                                 const QString& titleHint = {}) const;

    /// Makes Open of `dialog` (a QtQuick.Dialogs FileDialog with fileMode OpenFile, open, Qt Quick's own
    /// implementation) do what it shows (session 20's trial, F4). Qt 6.4 selects nothing when a folder is shown, yet
    /// its list draws the first row highlighted (current, focused: Return opens it) and keeps Open disabled in the
    /// enabled colours, so a click on Open after choosing what looked chosen did nothing. Here the current row becomes
    /// the selected entry where none is; Open is enabled only while the selected entry is a file the list shows
    /// (selectedFileIsShown: not a folder, which rows open with a double-click or Return, and not a file the name filter
    /// hides) and the path field (Ctrl+L) is closed; a disabled Open's text is `disabledText`. Checked after each
    /// change of the selection, the current row, the name filter and the button (Qt sets it again on each), from the
    /// first opening on: the dialog keeps its implementation between openings. Returns 1 if the dialog is watched, else
    /// 0 (not open, native, another file mode).
    Q_INVOKABLE int guardOpen(QObject* dialog, const QColor& disabledText) const;

    /// Makes Return (or Enter) in `dialog` (a QtQuick.Dialogs FileDialog with fileMode SaveFile, open, Qt Quick's own
    /// implementation) save under the name its File name field shows (session 22's trial, F11). Qt 6.4's list gives
    /// its first row the focus, and Return on a row chooses that file and accepts the dialog: an export written over
    /// another file of the folder while the field named a new one. Here Return or Enter on a file's row or in the name
    /// field selects the field's name (in the folder shown, or the path typed there) and presses the accept button, as a
    /// click on it would; on a folder's row Return still opens the folder. A Return whose press the dialog did not see
    /// (the key that opened it, released after) does nothing. The name field gets the focus, its name without the
    /// ending selected, at every opening (from the second on, Qt focused the first row: a new name needed Tab first);
    /// Down or Up there goes into the list of files (Tab does not reach it in Qt 6.4's dialog).
    /// Returns 1 if the dialog is watched, else 0 (not open, native, another file mode). Call it each time the dialog
    /// opens.
    Q_INVOKABLE int guardSave(QObject* dialog) const;

    /// Makes `dialog` (a QtQuick.Dialogs FolderDialog, open, Qt Quick's own implementation) choose the folder it
    /// shows unless the user picked a row, and a folder typed after Ctrl+L when Return is pressed there, as
    /// QFileDialog's Directory mode does (its selectedFiles() is "the current path in the viewport" when nothing is
    /// selected, and its accept() takes a typed folder). Qt 6.4's dialog makes a row of each folder it opens current
    /// and selected (its first subfolder, which Open then chose: session 29's check, F1), keeps Open disabled in a
    /// folder without subfolders, and Return on a typed path only opens that folder: a new, empty models folder could
    /// not be chosen that way (session 28's check, C2). Here no row is current when a folder is shown and the folder
    /// shown is the selection until the user picks a row (a click; Up, Down or another key in the list); Return (or
    /// Enter) in the path field, or a click on Open while that field is open (Qt keeps Open disabled then: session 30's
    /// check, F7), on an existing folder chooses it, read as app::chosenFolderPath reads a Settings folder ("~/x" and a
    /// relative "x" are in the home folder, not the folder the app was started in: F6; "…/e/" is …/e), and on a path
    /// that is not a folder keeps the field open and says so in the title, in `noteColour` (Qt closed the field without
    /// a word: F2), until the text changes. The Open button gets the objectName folderDialogOpen (the test hook's Click:).
    /// Returns 1 if the dialog is watched, else 0 (not open, native). Call it each time the dialog opens.
    Q_INVOKABLE int guardFolder(QObject* dialog, const QColor& noteColour = {}) const;

    /// The folder a folder dialog opens in to change `folder` (a Settings folder, absolute): itself while it is a
    /// folder, else the home folder (a removed drive, a folder deleted since). Set as the dialog's currentFolder before
    /// each opening: Qt's dialog opened in the folder the app was started in (session 30's check, F5).
    Q_INVOKABLE QUrl folderToShow(const QString& folder) const;
};

}  // namespace rwkv::gui
