// CodeBlock.qml — a fenced code block of an assistant reply: monospace, no wrapping (scrolls sideways), a header
// with the language and a Copy button that puts the whole block on the clipboard.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Rectangle {
    id: root
    property string code
    property string language
    property bool closed: true

    implicitWidth: Math.max(header.implicitWidth, codeText.implicitWidth + 24)
    implicitHeight: header.height + flick.height
    radius: Theme.radius - 2
    color: Theme.codeBackground
    border.color: Theme.border
    clip: true

    function copy() {
        codeText.selectAll()
        codeText.copy()
        codeText.deselect()
        copied.restart()
    }

    Timer { id: copied; interval: 1500 }

    Rectangle {
        id: header
        width: parent.width
        height: 30
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
                text: root.language.length > 0 ? root.language : qsTr("code")
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
                font.family: Theme.monoFamily
                elide: Text.ElideRight
            }
            ToolButton {
                id: copyButton
                objectName: "copyCodeButton"
                implicitHeight: 26
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
        height: codeText.implicitHeight + 20
        contentWidth: codeText.implicitWidth + 24
        contentHeight: height
        flickableDirection: Flickable.HorizontalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollBar.horizontal: ScrollBar { policy: ScrollBar.AsNeeded }

        LiveTextEdit {  // keeps a selection while the block is written
            id: codeText
            x: 12
            y: 10
            wrapMode: TextEdit.NoWrap
            textFormat: TextEdit.PlainText
            font.family: Theme.monoFamily
            font.pixelSize: Theme.fontSize - 1
            color: Theme.text
            selectionColor: Theme.accent
            selectedTextColor: Theme.accentText
            liveText: root.code
        }
    }
}
