// CodeBlock.qml — a fenced code block of an assistant reply: monospace, no wrapping (scrolls sideways), a header
// with the language and a Copy button that puts the whole block on the clipboard. A long block comes in pieces
// (ReplyContent): the first has the header, whose Copy takes the whole block (`wholeCode`), the last the margin below;
// each piece scrolls sideways on its own.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    id: root
    property string code
    property string language
    property bool closed: true
    property bool first: true  // the block's first piece: the header
    property bool last: true   // its last piece
    /// The whole block's text for Copy when this is one piece of it (a function returning a string); null: `code`.
    property var wholeCode: null
    /// The code's text item (ReplyContent.showWords selects a search's words in it).
    readonly property Item textItem: codeText

    /// Scrolls the block sideways so that x (in the code's text item) is two thirds in from its left (the words that
    /// start there in view, as much as fits of what comes before them), where a line is wider than the block; at the
    /// start when x is in view there.
    function showColumn(x) {
        const left = codeText.x + x
        if (left < flick.width * 2 / 3) flick.contentX = 0
        else flick.contentX = Math.min(left - flick.width * 2 / 3, Math.max(0, flick.contentWidth - flick.width))
    }

    implicitWidth: Math.max(first ? header.implicitWidth : 0, codeText.implicitWidth + 24)
    implicitHeight: (first ? header.height : 0) + flick.height
    radius: first && last ? Theme.radius - 2 : 0
    color: Theme.codeBackground
    border.color: Theme.border
    border.width: first && last ? 1 : 0  // the pieces of a long block join without lines between them
    clip: true

    function copy() {
        Clipboard.setText(wholeCode ? wholeCode() : code)
        copied.restart()
    }


    Timer { id: copied; interval: 1500 }

    Rectangle {
        id: header
        visible: root.first
        width: parent.width
        height: root.first ? 30 : 0
        implicitWidth: headerRow.implicitWidth + 16
        radius: root.radius
        color: Theme.codeHeader
        // square off the lower corners
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: parent.radius; color: parent.color }

        RowLayout {
            id: headerRow
            anchors.fill: parent
            anchors.leftMargin: 12
            anchors.rightMargin: 4
            Label {
                Layout.fillWidth: true
                textFormat: Text.PlainText
                text: root.language.length > 0 ? root.language : qsTr("code")
                color: Theme.mutedText
                font: Theme.monoFont({ pixelSize: Theme.smallFontSize })
                elide: Text.ElideRight
            }
            ToolButton {
                id: copyButton
                objectName: "copyCodeButton"
                implicitHeight: Theme.px(26)
                text: copied.running ? qsTr("Copied") : qsTr("Copy")
                enabled: root.code.length > 0
                font.pixelSize: Theme.smallFontSize
                onClicked: root.copy()
                Keys.onPressed: (event) => MessageTabKeys.keyPressed(this, event)  // Tab walks the conversation
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Copy this code to the clipboard")
            }
        }
    }

    Flickable {
        id: flick
        anchors.top: header.bottom
        width: parent.width
        height: codeText.implicitHeight + (root.first ? 10 : 0) + (root.last ? 10 : 0)
        contentWidth: codeText.implicitWidth + 24
        contentHeight: height
        flickableDirection: Flickable.HorizontalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollBar.horizontal: ScrollBar { policy: ScrollBar.AsNeeded }

        LiveTextEdit {  // keeps a selection while the block is written
            id: codeText
            x: 12
            y: root.first ? 10 : 0
            wrapMode: TextEdit.NoWrap
            textFormat: TextEdit.PlainText
            font: Theme.monoFont({ pixelSize: Theme.fontSize - 1 })
            color: Theme.text
            selectionColor: Theme.accent
            selectedTextColor: Theme.accentText
            liveText: root.code
        }
    }
}
