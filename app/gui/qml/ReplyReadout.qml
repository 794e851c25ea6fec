// ReplyReadout.qml — the small line under an assistant reply: time to first token, decode speed and tokens
// (Readouts, app/core/turn_readouts.h); the tooltip adds the prompt side. Empty (and hidden) when nothing is known.
import QtQuick
import QtQuick.Controls
import RwkvDesktop.Core

Label {
    id: root
    property var messageId
    /// What the database kept with the reply (see TurnReadouts::describe): used for replies of earlier sessions.
    property var stored: ({})
    readonly property string details: Readouts.details(messageId, stored, Readouts.revision)

    textFormat: Text.PlainText
    text: Readouts.describe(messageId, stored, Readouts.revision)
    visible: text.length > 0
    color: Theme.mutedText
    font.pixelSize: Theme.smallFontSize - 1

    HoverHandler { id: hover }
    ToolTip.visible: hover.hovered && details.length > 0
    ToolTip.text: details
}
