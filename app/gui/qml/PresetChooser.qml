// PresetChooser.qml — the open conversation's sampling preset, beside Send: "Default (Chat)" (the preset chosen in
// Settings, used while the conversation has none) or a preset of its own (Chat.conversationPreset, stored with the
// conversation). The next reply uses it; in a new chat the choice is written when the first message creates it.
// Each entry's tooltip says what it does (SamplingPresetTexts).
import QtQuick
import QtQuick.Controls
import RwkvDesktop.Core

ComboBox {
    id: root
    objectName: "presetChooser"  // the hooks' Hover:presetChooser (its tooltip's colours)
    // "" = the app default, then the presets in menu order.
    readonly property var ids: [""].concat(AppSettings.samplingPresetIds)
    // The entries' labels and the chip's tooltip (the test hook's "preset chip:" line).
    readonly property string entries: ids.map(id => label(id)).join(", ")
    readonly property string tip: qsTr("Sampling preset for this conversation's replies") + "\n" + description(ids[currentIndex])

    function label(id) {
        return id === "" ? qsTr("Default (%1)").arg(SamplingPresetTexts.name(AppSettings.samplingPreset))
                         : SamplingPresetTexts.name(id)
    }
    function description(id) {
        return id === "" ? qsTr("Follows the preset chosen in Settings (now %1). %2")
                               .arg(SamplingPresetTexts.name(AppSettings.samplingPreset))
                               .arg(SamplingPresetTexts.description(AppSettings.samplingPreset))
                         : SamplingPresetTexts.description(id)
    }
    function indexOfStored() { return Math.max(0, ids.indexOf(Chat.conversationPreset)) }

    model: ids
    currentIndex: indexOfStored()
    displayText: label(ids[currentIndex])
    enabled: !Chat.libraryReadOnly
    onActivated: (index) => {
        Chat.conversationPreset = ids[index]
        currentIndex = Qt.binding(() => root.indexOfStored())  // what was stored (a refused change shows the old one)
    }

    FontMetrics {
        id: metrics
        font: root.font
    }
    // As wide as the widest entry, so the chip does not jump when the choice changes and the list fits. metrics.font read
    // first: advanceWidth() alone does not make the binding follow the text size, and the chip kept its 100 % width
    // ("Default…" at 150 %, session 47).
    readonly property real widestWidth: (metrics.font, Math.max(...ids.map(id => metrics.advanceWidth(label(id)))))
                                        + leftPadding + rightPadding
    implicitWidth: widestWidth
    implicitHeight: Theme.px(36)
    /// The narrowest the chip is drawn (Composer.qml narrows it to leave the message box its hint): a few characters.
    readonly property real minimumWidth: (metrics.font, Math.ceil(metrics.advanceWidth("MMMM"))) + leftPadding + rightPadding
    // Its list as wide as its widest entry, and right-aligned with the chip: a narrowed chip's list cut its entries too.
    popup.width: Math.max(root.width, root.widestWidth)
    popup.x: root.width - root.popup.width
    font.pixelSize: Theme.smallFontSize
    leftPadding: 12
    rightPadding: 26
    indicator: Label {
        x: root.width - width - 10
        y: (root.height - height) / 2
        text: "▾"
        color: Theme.mutedText
        font.pixelSize: Theme.smallFontSize
    }
    contentItem: Label {
        objectName: "presetChipLabel"  // the test hook's "preset chip drawn:" line
        text: root.displayText
        color: root.enabled ? Theme.text : Theme.mutedText
        font: root.font
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    // Reached with Tab (visualFocus): a 2 px accent outline, as the header's model button. Its own background drew
    // none, so the chip had the keys and did not show it (session 39's trial, shots 51 and 55).
    background: Rectangle {
        radius: 18
        color: root.hovered || root.popup.visible || root.visualFocus ? Theme.sidebarHover : Theme.sidebar
        border.width: root.visualFocus ? 2 : 1
        border.color: root.visualFocus ? Theme.accent : Theme.border
    }
    delegate: ItemDelegate {
        required property int index
        required property var modelData
        width: ListView.view.width
        text: root.label(modelData)
        font: root.font
        highlighted: root.highlightedIndex === index
        palette.highlightedText: Theme.text  // the highlighted row is on palette.light (Theme.sidebarHover): not white
        // The highlighted entry's description, highlighted by the pointer or by the arrow keys (so keyboard users see
        // it too). Its own ToolTip, not the shared attached one: a delegate created already highlighted (the popup
        // opening on the current entry) showed that one before its text binding had run, as an empty box.
        ToolTip {
            palette: root.palette  // a popup of a list's delegate: the theme of the moment (Main.qml's shared tooltip)
            Component.onCompleted: background.border.color = Qt.binding(() => Theme.border)  // as Main.qml's shared one
            visible: parent.highlighted && root.popup.visible
            delay: 300
            text: root.description(parent.modelData)
            // Wrapped into a few lines left of the list, beside its row: not one line across the window over the list.
            width: Math.min(implicitWidth, 360)
            x: -width - 8
            y: (parent.height - height) / 2
        }
    }

    ToolTip.visible: hovered && !popup.visible
    ToolTip.delay: 500
    ToolTip.text: tip
}
