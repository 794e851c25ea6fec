// dialog_rows.cpp — see dialog_rows.h.
#include "dialog_rows.h"

#include "app_settings.h"
#include "drawable_text.h"  // app::drawableText
#include "list_time.h"  // app::fileTime
#include "models/disk_space.h"  // humanBytes

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QMetaMethod>
#include <QPointer>
#include <QQmlContext>
#include <QQmlProperty>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>
#include <QVariant>

#include <utility>

namespace rwkv::gui {

namespace {
/// Sets `role` (a QQuickPalette property, e.g. "highlightedText") of the palette of `object` (a control or popup).
void setPaletteColor(QObject* object, const char* role, const QColor& color) {
    if (auto* palette = object->property("palette").value<QObject*>()) palette->setProperty(role, color);
}

/// The visible items under `item` named `name` (Qt's dialog lists: "fileDialogListView", "folderDialogListView").
void findVisible(QQuickItem* item, const QString& name, QList<QQuickItem*>* found) {
    if (!item || !item->isVisible()) return;
    if (item->objectName() == name) found->append(item);
    for (QQuickItem* child : item->childItems()) findVisible(child, name, found);
}

/// Under `item`: the filter lists (combo boxes: their list's highlighted row is on palette.light too; Qt 6.4 does not
/// pass the popup's new colour on to them) get `rowText`; the text fields get back `selectedText`, which they
/// inherited from the popup before.
void setControls(QQuickItem* item, const QColor& rowText, const QColor& selectedText) {
    if (item->inherits("QQuickComboBox")) setPaletteColor(item, "highlightedText", rowText);
    if (item->inherits("QQuickTextField")) setPaletteColor(item, "highlightedText", selectedText);
    for (QQuickItem* child : item->childItems()) setControls(child, rowText, selectedText);
}

/// The first item under `item` (itself included) that inherits `className`, visible or not.
QQuickItem* findInherits(QQuickItem* item, const char* className) {
    if (!item) return nullptr;
    if (item->inherits(className)) return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = findInherits(child, className)) return found;
    return nullptr;
}

/// The path bar ("home › .local › …", Qt's FolderBreadcrumbBar) under `popup` follows the popup's palette. Qt 6.4 draws
/// it on a Rectangle of its own, white whatever the palette, its folders in palette.buttonText (the theme's text) and its
/// separators in palette.button: with the dark theme, light grey on white (session 32's trial). Here it is drawn on
/// palette.base (the app's field background) with a palette.mid border, its separators in palette.dark (muted text).
void followPaletteInPathBar(QQuickItem* popup) {
    QQuickItem* bar = findInherits(popup, "QQuickFolderBreadcrumbBar");
    auto* palette = popup->property("palette").value<QObject*>();
    if (!bar || !palette) return;
    if (auto* background = bar->property("background").value<QQuickItem*>()) {
        background->setProperty("color", palette->property("base"));
        if (auto* border = background->property("border").value<QObject*>())
            border->setProperty("color", palette->property("mid"));
    }
    setPaletteColor(bar, "button", palette->property("dark").value<QColor>());
}

/// Whether a text field under `item` is visible: under the dialog's breadcrumb bar, the path typed after Ctrl+L (Qt
/// keeps Open disabled while it shows; Return in it goes to the path).
bool textFieldVisible(QQuickItem* item) {
    if (!item || !item->isVisible()) return false;
    if (item->inherits("QQuickTextField")) return true;
    for (QQuickItem* child : item->childItems())
        if (textFieldVisible(child)) return true;
    return false;
}

/// The open dialog's visible list of entries (`name`: fileDialogListView, a folder dialog's folderDialogListView) in the
/// overlay of `dialog`'s window, or null.
QQuickItem* openFileList(QObject* dialog, const QString& name = QStringLiteral("fileDialogListView")) {
    auto* window = qobject_cast<QQuickWindow*>(dialog ? dialog->property("parentWindow").value<QObject*>() : nullptr);
    if (!window) return nullptr;
    QList<QQuickItem*> lists;
    findVisible(window->contentItem(), name, &lists);
    return lists.isEmpty() ? nullptr : lists.constFirst();
}

/// Connects `signal` (a name) of `sender` to start `timer`, if `sender` has such a signal (once: a second call for the
/// same pair adds nothing).
void startOn(QObject* sender, const char* signal, QTimer* timer) {
    const QMetaObject* meta = sender->metaObject();
    for (int i = 0; i < meta->methodCount(); ++i) {
        const QMetaMethod m = meta->method(i);
        if (m.methodType() == QMetaMethod::Signal && m.name() == signal) {
            QObject::connect(sender, m, timer, timer->metaObject()->method(timer->metaObject()->indexOfSlot("start()")),
                             Qt::UniqueConnection);
            return;
        }
    }
}

/// Each row of the file dialog list `list`: its size label says models::humanBytes of the file's size, a folder's
/// nothing, and its date label app::fileTime of the file's last change. The labels' own bindings (locale.formattedDataSize
/// of an int, Qt.formatDateTime) are removed, so Qt does not write them back; a
/// row whose entry or size changes starts `again`, which calls this again. Its name label draws the name as the chat
/// view draws a message (app::drawableText): a bidi override or isolate in a file name (U+202E) is shown as a mark, not
/// obeyed — Qt's label drew "photo\u202egnp.pth" as "photohtp.png", another file type than the one chosen (session 45's
/// trial: a bundle's name read "tahcvkwr.…", the app's own lists show such a name with the control as a mark).
void setFileSizes(QQuickItem* list, QTimer* again) {
    const auto* content = list->property("contentItem").value<QQuickItem*>();
    if (!content) return;
    for (QQuickItem* row : content->childItems()) {
        if (!row->inherits("QQuickFileDialogDelegate")) continue;
        if (QQuickItem* name = fileNameLabel(row)) {
            const QString drawn = app::drawableText(row->property("fileName").toString());
            if (name->property("text").toString() != drawn) QQmlProperty::write(name, QStringLiteral("text"), drawn);
        }
        const QFileInfo entry(row->property("file").toUrl().toLocalFile());
        if (QQuickItem* date = fileTimeLabel(row)) {  // Qt's own reads "2026/1/5 B14:03" in 繁體中文 (app::fileTime)
            const QDateTime changed = row->property("fileModified").toDateTime();
            const QString time = changed.isValid() ? app::fileTime(changed) : QString();
            if (date->property("text").toString() != time) QQmlProperty::write(date, QStringLiteral("text"), time);
            startOn(row, "fileModifiedChanged", again);
        }
        QQuickItem* label = fileSizeLabel(row);
        if (!label) continue;
        const QString size = entry.isDir() || !entry.exists() ? QString() : models::humanBytes(entry.size());
        if (label->property("text").toString() != size) QQmlProperty::write(label, QStringLiteral("text"), size);
        startOn(row, "fileChanged", again);
        startOn(row, "fileSizeChanged", again);
    }
}

/// Keeps the size labels of the file dialog list `list` set (setFileSizes): after each change of its rows (made while
/// scrolling, made again for another folder or name filter), once Qt's own updates are done.
void watchFileSizes(QQuickItem* list) {
    static const QString kName = QStringLiteral("fileSizes");
    auto* again = list->findChild<QTimer*>(kName, Qt::FindDirectChildrenOnly);
    if (!again) {  // the list stays between openings
        again = new QTimer(list);
        again->setObjectName(kName);
        again->setSingleShot(true);
        again->setInterval(0);
        QObject::connect(again, &QTimer::timeout, list, [list, again] { setFileSizes(list, again); });
        if (auto* content = list->property("contentItem").value<QQuickItem*>())
            QObject::connect(content, &QQuickItem::childrenChanged, again, qOverload<>(&QTimer::start));
        startOn(list, "countChanged", again);
    }
    setFileSizes(list, again);
}
}  // namespace

QQuickItem* fileSizeLabel(QQuickItem* row) {
    // FileDialogDelegateLabel: a Column of the icon and name's Row, then the detail row (an Item) whose first Label is
    // the size, its second the date.
    const auto* content = row ? row->property("contentItem").value<QQuickItem*>() : nullptr;
    const QList<QQuickItem*> column = content && !content->childItems().isEmpty()
                                          ? content->childItems().constFirst()->childItems()
                                          : QList<QQuickItem*>();
    if (column.size() < 2) return nullptr;
    const QList<QQuickItem*> details = column.at(1)->childItems();
    return !details.isEmpty() && details.constFirst()->inherits("QQuickText") ? details.constFirst() : nullptr;
}

QQuickItem* fileTimeLabel(QQuickItem* row) {
    const QQuickItem* size = fileSizeLabel(row);  // the detail row's second Label, after the size
    const QList<QQuickItem*> details = size ? size->parentItem()->childItems() : QList<QQuickItem*>();
    return details.size() >= 2 && details.at(1)->inherits("QQuickText") ? details.at(1) : nullptr;
}

QQuickItem* fileNameLabel(QQuickItem* row) {
    // FileDialogDelegateLabel: the Column's first child is the Row of the icon and the name's Label.
    const auto* content = row ? row->property("contentItem").value<QQuickItem*>() : nullptr;
    const QList<QQuickItem*> column = content && !content->childItems().isEmpty()
                                          ? content->childItems().constFirst()->childItems()
                                          : QList<QQuickItem*>();
    if (column.isEmpty()) return nullptr;
    for (QQuickItem* item : column.constFirst()->childItems())
        if (item->inherits("QQuickText")) return item;
    return nullptr;
}

FileDialogParts fileDialogParts(QQuickItem* list) {
    FileDialogParts parts;
    if (!list) return parts;
    parts.popup = list->parentItem();
    while (parts.popup && !parts.popup->inherits("QQuickPopupItem")) parts.popup = parts.popup->parentItem();
    // FileDialog.qml's root (id control) is the implementation; the list is made in its context.
    if (QQmlContext* context = qmlContext(list))
        if (QObject* control = context->objectForName(QStringLiteral("control"));
            control && control->inherits("QQuickFileDialogImpl"))
            parts.impl = control;
    // DialogButtonBox::standardButton(Open) is invokable; its types are private, so the call goes by the method's own
    // type names (the button is a QQuickAbstractButton, a QQuickItem; the enum an int).
    if (QQuickItem* box = findInherits(parts.popup, "QQuickDialogButtonBox")) {
        const QMetaObject* meta = box->metaObject();
        for (int i = 0; i < meta->methodCount(); ++i) {
            const QMetaMethod m = meta->method(i);
            if (m.name() != "standardButton" || m.parameterCount() != 1) continue;
            QObject* button = nullptr;
            int which = 0x00002000;  // QPlatformDialogHelper::Open (qpa's header is not installed everywhere)
            if (m.invoke(box, Qt::DirectConnection, QGenericReturnArgument(m.typeName(), &button),
                         QGenericArgument(m.parameterTypes().constFirst().constData(), &which)))
                parts.accept = qobject_cast<QQuickItem*>(button);
            break;
        }
    }
    return parts;
}

bool selectedFileIsShown(const FileDialogParts& parts) {
    if (!parts.impl) return false;
    const QFileInfo file(parts.impl->property("selectedFile").toUrl().toLocalFile());
    if (!file.isFile()) return false;
    const auto* filter = parts.impl->property("selectedNameFilter").value<QObject*>();
    const QStringList globs = filter ? filter->property("globs").toStringList() : QStringList();
    if (globs.isEmpty()) return true;
    for (const QString& glob : globs)
        if (QRegularExpression::fromWildcard(glob, Qt::CaseSensitive).match(file.fileName()).hasMatch()) return true;
    return false;
}

namespace {
/// One check of a watched Open dialog (see guardOpen): the highlighted row becomes the selected entry where Qt left
/// none, then Open is enabled only for a shown file.
void checkOpen(QQuickItem* list) {
    const FileDialogParts parts = fileDialogParts(list);
    if (!parts.impl || !parts.accept) return;
    // The list's current row (drawn highlighted, focused: Return opens it) while nothing is selected: Qt 6.4 does not
    // preselect an entry (PreselectFirstFileInDirectory is off on Linux) but the ListView makes its first row current.
    // Only a row of the folder shown: right after a folder change the old folder's rows are still there.
    const QString folder = parts.impl->property("currentFolder").toUrl().toLocalFile();
    if (parts.impl->property("selectedFile").toUrl().isEmpty())
        if (const auto* row = list->property("currentItem").value<QQuickItem*>())
            if (const QUrl file = row->property("file").toUrl(); !file.isEmpty() && !folder.isEmpty() &&
                QFileInfo(file.toLocalFile()).absolutePath() == QFileInfo(folder).absoluteFilePath())
                parts.impl->setProperty("selectedFile", file);
    const bool enabled =
        selectedFileIsShown(parts) && !textFieldVisible(findInherits(parts.popup, "QQuickFolderBreadcrumbBar"));
    if (parts.accept->isEnabled() != enabled) parts.accept->setEnabled(enabled);
}
}  // namespace

int DialogRows::guardOpen(QObject* dialog, const QColor& disabledText) const {
    if (!dialog || dialog->property("fileMode").toInt() != 0) return 0;  // FileDialog.OpenFile
    QQuickItem* list = openFileList(dialog);
    const FileDialogParts parts = fileDialogParts(list);
    if (!parts.impl || !parts.accept) return 0;
    // The app's palette gives disabled controls the enabled colours; a disabled Open looked like one that works.
    if (auto* palette = parts.popup->property("palette").value<QObject*>())
        if (auto* disabled = palette->property("disabled").value<QObject*>())
            disabled->setProperty("buttonText", disabledText);
    static const QString kName = QStringLiteral("guardOpen");
    auto* check = parts.impl->findChild<QTimer*>(kName, Qt::FindDirectChildrenOnly);
    if (!check) {
        // A zero timer: the check runs once Qt's own updates of the selection, the rows and the button are done.
        check = new QTimer(parts.impl);
        check->setObjectName(kName);
        check->setSingleShot(true);
        check->setInterval(0);
        QObject::connect(check, &QTimer::timeout, list, [list] { checkOpen(list); });
        startOn(parts.impl, "selectedFileChanged", check);
        startOn(parts.impl, "filterSelected", check);
        startOn(list, "currentItemChanged", check);
        QObject::connect(parts.accept, &QQuickItem::enabledChanged, check, qOverload<>(&QTimer::start));
    }
    check->start();
    return 1;
}

QQuickItem* findNamed(QQuickItem* item, const QString& name) {
    if (!item) return nullptr;
    if (item->objectName() == name) return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = findNamed(child, name)) return found;
    return nullptr;
}

namespace {
/// Watches the key events of a window while a Save dialog (its list `list`) is open: see DialogRows::guardSave.
class SaveReturnFilter : public QObject {
public:
    SaveReturnFilter(QQuickItem* list, QObject* parent) : QObject(parent), list_(list) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() != QEvent::KeyPress && event->type() != QEvent::KeyRelease) return false;
        const auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) && event->type() == QEvent::KeyPress && list_ &&
            list_->isVisible()) {
            // Down or Up in the name field (focused at opening, see guardSave) goes into the list of files, which Tab
            // does not reach in Qt 6.4's dialog: its rows stay there for the keyboard.
            const auto* window = qobject_cast<QQuickWindow*>(watched);
            QQuickItem* focus = window ? window->activeFocusItem() : nullptr;
            const FileDialogParts parts = fileDialogParts(list_);
            if (focus && parts.popup && focus == findNamed(parts.popup, QStringLiteral("fileNameTextField"))) {
                list_->forceActiveFocus(Qt::TabFocusReason);
                return true;
            }
            return false;
        }
        if (key->key() != Qt::Key_Return && key->key() != Qt::Key_Enter) return false;
        if (!list_ || !list_->isVisible()) return false;
        const auto* window = qobject_cast<QQuickWindow*>(watched);
        QQuickItem* focus = window ? window->activeFocusItem() : nullptr;
        const FileDialogParts parts = fileDialogParts(list_);
        if (!focus || !parts.impl || !parts.popup || !parts.accept || !parts.popup->isAncestorOf(focus)) return false;
        QQuickItem* field = findNamed(parts.popup, QStringLiteral("fileNameTextField"));
        const bool onRow = focus->inherits("QQuickFileDialogDelegate");
        if (!onRow && focus != field) return false;  // the buttons, the filter, the path typed after Ctrl+L: Qt's
        if (onRow && QFileInfo(focus->property("file").toUrl().toLocalFile()).isDir()) return false;  // opens it
        if (event->type() == QEvent::KeyPress) {
            pressed_ = true;
            return true;
        }
        if (key->isAutoRepeat() || !pressed_) return true;  // the release of the key that opened the dialog
        pressed_ = false;
        const QString name = field ? field->property("text").toString().trimmed() : QString();
        if (name.isEmpty()) return true;
        const QString folder = parts.impl->property("currentFolder").toUrl().toLocalFile();
        const QString path = QDir::isAbsolutePath(name) ? name : QDir(folder).filePath(name);
        parts.impl->setProperty("selectedFile", QUrl::fromLocalFile(path));
        // Qt 6.4's Button has no invokable click() (a later Qt's has): there its clicked signal, as a click sends it. Asking
        // for click() first printed "No such method Button_QMLTYPE_4::click()" at each export (session 32's trial).
        if (parts.accept->metaObject()->indexOfMethod("click()") >= 0) QMetaObject::invokeMethod(parts.accept, "click");
        else QMetaObject::invokeMethod(parts.accept, "clicked");
        return true;
    }

private:
    QPointer<QQuickItem> list_;
    bool pressed_ = false;
};
}  // namespace

int DialogRows::guardSave(QObject* dialog) const {
    if (!dialog || dialog->property("fileMode").toInt() != 2) return 0;  // FileDialog.SaveFile
    auto* window = qobject_cast<QQuickWindow*>(dialog->property("parentWindow").value<QObject*>());
    QQuickItem* list = openFileList(dialog);
    const FileDialogParts parts = fileDialogParts(list);
    if (!window || !parts.impl || !parts.accept) return 0;
    static const QString kName = QStringLiteral("guardSave");
    if (!parts.impl->findChild<QObject*>(kName, Qt::FindDirectChildrenOnly)) {  // the implementation stays between openings
        auto* filter = new SaveReturnFilter(list, parts.impl);
        filter->setObjectName(kName);
        window->installEventFilter(filter);
    }
    // From the second opening on (the implementation is kept), Qt gave the first row the focus: a new name needed Tab
    // first (session 22's trial). The name field takes it each time, its name without the ending selected, so that
    // typing replaces the name and Return saves it (the filter above).
    if (QQuickItem* field = findNamed(parts.popup, QStringLiteral("fileNameTextField")); field && field->isVisible()) {
        field->forceActiveFocus(Qt::PopupFocusReason);
        const QString name = field->property("text").toString();
        const qsizetype dot = name.lastIndexOf(u'.');
        QMetaObject::invokeMethod(field, "select", Q_ARG(int, 0), Q_ARG(int, int(dot > 0 ? dot : name.size())));
    }
    return 1;
}

namespace {
/// Watches a Folder dialog (its implementation `impl`, its list of subfolders `list`, the popup's path field `field`
/// and its Open button `accept`): see DialogRows::guardFolder. Its zero timer makes the folder shown the selected one
/// unless the user picked a row; as an event filter on the window it sees the user pick rows, and takes Return in the
/// path field and a click on Open while that field is open.
class FolderGuard : public QObject {
public:
    FolderGuard(QObject* impl, QQuickItem* list, QQuickItem* field, QQuickItem* title, QQuickItem* accept)
        : QObject(impl), impl_(impl), list_(list), field_(field), title_(title), accept_(accept) {
        check_.setSingleShot(true);
        check_.setInterval(0);  // once Qt's own updates of the folder, the selection and the button are done
        QObject::connect(&check_, &QTimer::timeout, this, &FolderGuard::selectShownFolder);
        shownChanged_.setSingleShot(true);
        shownChanged_.setInterval(0);
        QObject::connect(&shownChanged_, &QTimer::timeout, this, &FolderGuard::forgetPick);
        edited_.setSingleShot(true);
        edited_.setInterval(0);
        QObject::connect(&edited_, &QTimer::timeout, this, &FolderGuard::clearNote);
    }
    /// The colour of the note shown in the title (a typed folder that is not there).
    void setNoteColour(const QColor& colour) { noteColour_ = colour; }
    /// Started when the path field's text changes: the note about the text typed before goes.
    QTimer* edited() { return &edited_; }
    /// Started on each change of the selection and of the list's current row: selects the folder shown unless the
    /// user picked a row.
    QTimer* check() { return &check_; }
    /// Started when a new folder is shown: calls forgetPick.
    QTimer* shownChanged() { return &shownChanged_; }
    /// A new folder is shown, or the dialog opens: what Qt selects there was not picked by the user.
    void forgetPick() {
        picked_ = false;
        clearNote();
        check_.start();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        // The release of a press taken here (the dialog may be closed by then: it goes nowhere else).
        if ((event->type() == QEvent::KeyRelease || event->type() == QEvent::MouseButtonRelease) &&
            std::exchange(swallowRelease_, false))
            return true;
        if (!impl_ || !list_ || !impl_->property("visible").toBool()) return false;
        const auto* window = qobject_cast<QQuickWindow*>(watched);
        if (event->type() == QEvent::MouseButtonPress) {
            const auto* mouse = static_cast<QMouseEvent*>(event);
            // Open while the path field is open: Qt 6.4 keeps it disabled then, and the click did nothing (session
            // 30's check, F7). It chooses the typed folder, as Return there does.
            if (accept_ && accept_->isVisible() && field_ && field_->isVisible() &&
                accept_->contains(accept_->mapFromScene(mouse->scenePosition())) && chooseTyped()) {
                swallowRelease_ = true;
                return true;
            }
            // A press on a row: the click selects it (Qt's delegate), a double click opens it.
            if (const auto* content = list_->property("contentItem").value<QQuickItem*>(); content && list_->isVisible()) {
                const QPointF at = content->mapFromScene(mouse->scenePosition());
                if (list_->contains(list_->mapFromScene(mouse->scenePosition())) && content->childAt(at.x(), at.y()))
                    picked_ = true;
            }
            return false;
        }
        if (event->type() != QEvent::KeyPress) return false;
        const auto* key = static_cast<QKeyEvent*>(event);
        QQuickItem* focus = window ? window->activeFocusItem() : nullptr;
        if (focus && (focus == list_ || list_->isAncestorOf(focus)) && key->key() != Qt::Key_Tab &&
            key->key() != Qt::Key_Backtab && key->key() != Qt::Key_Escape)
            picked_ = true;  // Up, Down, Home, End, Space on a row: the list's current row is the user's
        if (key->key() != Qt::Key_Return && key->key() != Qt::Key_Enter) return false;
        if (!field_ || focus != field_ || !field_->isVisible() || key->isAutoRepeat() || !chooseTyped()) return false;
        swallowRelease_ = true;
        return true;
    }

private:
    /// Chooses the folder typed in the open path field, as Open would choose it (Qt 6.4 only opened it, and kept the
    /// field open with Open disabled: session 28's check, C2). The text is read as a Settings folder is
    /// (app::chosenFolderPath): "~" and "~/x" are in the home folder, and so is a relative "x" (session 30's check,
    /// F6: it was read from the folder the app was started in), "…/e/" and "…/x/../e" are …/e. A path that is not a
    /// folder keeps the field open with its text, and the title says why (Qt closed the field without a word: session
    /// 29's check, F2). False when the field is empty (Qt's own handling then).
    bool chooseTyped() {
        const QString text = field_->property("text").toString().trimmed();
        if (text.isEmpty()) return false;
        const QString path = app::chosenFolderPath(text);
        const QFileInfo typed(path);
        if (!typed.isDir()) {
            showNote(typed.exists() ? QCoreApplication::translate("rwkv::gui::DialogRows", "%1 is a file, not a folder.")
                                          .arg(path)
                                    : QCoreApplication::translate("rwkv::gui::DialogRows",
                                                                  "%1 does not exist. Type the path of a folder that "
                                                                  "exists (a new folder is made in a file manager).")
                                          .arg(path));
            return true;
        }
        impl_->setProperty("selectedFolder", QUrl::fromLocalFile(path));
        QMetaObject::invokeMethod(impl_, "accept");
        return true;
    }

private:
    void selectShownFolder() {
        if (!impl_ || !list_ || picked_ || !impl_->property("visible").toBool()) return;
        const QUrl shown = impl_->property("currentFolder").toUrl();
        if (!shown.isLocalFile()) return;
        // Qt 6.4 makes a row of the folder it opens current and selected (the first subfolder, or the one the user
        // came up from) and gives it the focus: Open chose that subfolder, highlighted but not picked (session 29's
        // check, F1). The folder shown is the selection until the user picks a row; no row is drawn current.
        if (list_->property("currentIndex").toInt() != -1) {
            QQuickItem* row = list_->property("currentItem").value<QQuickItem*>();
            list_->setProperty("currentIndex", -1);  // Qt's handler keeps its selection: no current row to take
            // The list keeps the focus, not the row (ListView gave its current row the focus): Down or Up there makes
            // a row current, which picks it.
            if (row && row->hasFocus()) row->setFocus(false);
        }
        if (impl_->property("selectedFolder").toUrl() != shown) impl_->setProperty("selectedFolder", shown);
    }

    /// Shows `note` in the dialog's title (its only text line) in the note colour, wrapped, as plain text.
    void showNote(const QString& note) {
        if (!title_) return;
        if (!noteShown_) {
            savedTitle_ = title_->property("text").toString();
            savedColour_ = title_->property("color").value<QColor>();
            savedWrap_ = title_->property("wrapMode");
        }
        noteShown_ = true;
        title_->setProperty("textFormat", 0);  // Text.PlainText: a typed path is not markup
        title_->setProperty("wrapMode", 4);    // Text.Wrap: a long path is not cut
        title_->setProperty("text", note);
        if (noteColour_.isValid()) title_->setProperty("color", noteColour_);
    }
    /// The title as it was before showNote.
    void clearNote() {
        if (!noteShown_ || !title_) return;
        noteShown_ = false;
        title_->setProperty("text", savedTitle_);
        title_->setProperty("color", savedColour_);
        title_->setProperty("wrapMode", savedWrap_);
    }

    QPointer<QObject> impl_;
    QPointer<QQuickItem> list_;
    QPointer<QQuickItem> field_;
    QPointer<QQuickItem> title_;
    QPointer<QQuickItem> accept_;
    QTimer check_;
    QTimer shownChanged_;
    QTimer edited_;
    bool swallowRelease_ = false;  // the release of a Return or a click taken here
    bool picked_ = false;          // the user picked a row (a click, a key in the list) since the folder was shown
    bool noteShown_ = false;
    QColor noteColour_;
    QString savedTitle_;
    QColor savedColour_;
    QVariant savedWrap_;
};
}  // namespace

int DialogRows::guardFolder(QObject* dialog, const QColor& noteColour) const {
    auto* window = qobject_cast<QQuickWindow*>(dialog ? dialog->property("parentWindow").value<QObject*>() : nullptr);
    QQuickItem* list = openFileList(dialog, QStringLiteral("folderDialogListView"));
    const FileDialogParts parts = fileDialogParts(list);  // its popup
    QObject* impl = nullptr;
    if (QQmlContext* context = list ? qmlContext(list) : nullptr)
        if (QObject* control = context->objectForName(QStringLiteral("control"));
            control && control->inherits("QQuickFolderDialogImpl"))
            impl = control;
    QQuickItem* field = findInherits(findInherits(parts.popup, "QQuickFolderBreadcrumbBar"), "QQuickTextField");
    if (!window || !impl || !field) return 0;
    if (parts.accept && parts.accept->objectName().isEmpty())
        parts.accept->setObjectName(QStringLiteral("folderDialogOpen"));  // the test hook's Click:folderDialogOpen
    static const QString kName = QStringLiteral("guardFolder");
    auto* guard = impl->findChild<FolderGuard*>(kName, Qt::FindDirectChildrenOnly);
    if (!guard) {  // the implementation stays between openings
        guard = new FolderGuard(impl, list, field, findNamed(parts.popup, QStringLiteral("dialogTitleBarLabel")),
                                parts.accept);
        guard->setObjectName(kName);
        window->installEventFilter(guard);
        startOn(impl, "currentFolderChanged", guard->shownChanged());
        startOn(field, "textChanged", guard->edited());
        startOn(impl, "selectedFolderChanged", guard->check());
        startOn(list, "currentIndexChanged", guard->check());
    }
    guard->setNoteColour(noteColour);
    guard->forgetPick();
    return 1;
}

QUrl DialogRows::folderToShow(const QString& folder) const {
    return QUrl::fromLocalFile(!folder.isEmpty() && QFileInfo(folder).isDir() ? folder : QDir::homePath());
}

int DialogRows::makeReadable(QObject* dialog, const QColor& rowText, const QColor& selectedText,
                             const QString& titleHint) const {
    auto* window = qobject_cast<QQuickWindow*>(dialog ? dialog->property("parentWindow").value<QObject*>() : nullptr);
    if (!window) return 0;
    // The open dialog's popup is in the window's overlay; its list names it. Its item is the popup's (Popup's palette
    // is its item's), the ancestor of the list that is a QQuickPopupItem.
    QList<QQuickItem*> lists;
    for (const QString& name : {QStringLiteral("fileDialogListView"), QStringLiteral("folderDialogListView")})
        findVisible(window->contentItem(), name, &lists);
    int changed = 0;
    for (QQuickItem* list : lists) {
        QQuickItem* popup = list->parentItem();
        while (popup && !popup->inherits("QQuickPopupItem")) popup = popup->parentItem();
        if (!popup) continue;
        setPaletteColor(popup, "highlightedText", rowText);
        setControls(popup, rowText, selectedText);
        followPaletteInPathBar(popup);
        // A folder dialog's rows too: their names (a folder named with a U+202E), their size label none.
        watchFileSizes(list);
        QList<QQuickItem*> titles;
        findVisible(popup, QStringLiteral("dialogTitleBarLabel"), &titles);
        const QString title = dialog->property("title").toString();
        for (QQuickItem* label : titles)
            label->setProperty("text", titleHint.isEmpty() ? title : title + QStringLiteral("   ·   ") + titleHint);
        ++changed;
    }
    return changed;
}

}  // namespace rwkv::gui
