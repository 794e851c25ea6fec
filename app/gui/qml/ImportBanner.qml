// ImportBanner.qml — after Import…: "This conversation was made with X — Download (size)?" with Download (starts the
// model manager's download) when the imported conversation's model is missing here, else the import's outcome
// (Importer.messageLines: a line per file of a run of imports, a refused file's in red; the whole banner red only when
// every line is an error's), with "Import a copy" when the file was already in the library.
// Controller: app/core/bundle_import_controller.h.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Rectangle {
    id: root
    objectName: "importBanner"  // the hook's "import banner colours:" line
    signal showModels()
    readonly property bool offer: Importer.offerVisible
    visible: offer || Importer.message.length > 0
    implicitHeight: visible ? row.implicitHeight + 20 : 0
    radius: Theme.radius
    color: Importer.messageIsError && !offer ? Theme.dangerBackground : Theme.sidebarSelected
    border.color: Importer.messageIsError && !offer ? Theme.danger : Theme.accent

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: 14
        anchors.rightMargin: 6
        spacing: 8
        ColumnLayout {
            objectName: "importMessage"  // the hooks' "import banner:" line (text) and its lines' colours
            readonly property string text: root.offer ? offerText.text : Importer.message
            Layout.fillWidth: true
            spacing: 2
            Label {
                id: offerText
                visible: root.offer
                textFormat: Text.PlainText  // it names the model: markup in a catalog name stays text
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: Library.filled(qsTr("This conversation was made with %1, which is not on this computer. Download it (%2) to continue where it left off?"),
                                     [Importer.offerModelName, Importer.offerSizeText])  // a name with "%2" stays as is
            }
            Repeater {
                model: root.offer ? [] : Importer.messageLines
                Label {
                    required property var modelData
                    objectName: "importLine"
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap  // at spaces, else anywhere: a long path or file name stays left of ✕
                    textFormat: Text.PlainText  // the message quotes the imported title: markup in it stays text
                    color: modelData.error ? Theme.danger : Theme.text
                    text: modelData.text
                }
            }
        }
        Button {
            id: download
            visible: root.offer
            text: qsTr("Download (%1)").arg(Importer.offerSizeText)
            onClicked: {
                Importer.downloadModel()
                root.showModels()
            }
            contentItem: Label {
                text: download.text
                color: Theme.accentText
                font.weight: Font.DemiBold
                horizontalAlignment: Text.AlignHCenter
                verticalAlignment: Text.AlignVCenter
            }
            background: Rectangle {
                implicitHeight: Theme.px(34)
                radius: Theme.radius
                color: download.down || download.hovered ? Theme.accentHover : Theme.accent
            }
        }
        Button {
            visible: !root.offer && Importer.copyOfferVisible
            text: qsTr("Import a copy")
            onClicked: Importer.importCopy()
        }
        ToolButton {
            text: "✕"
            onClicked: root.offer ? Importer.dismissOffer() : Importer.dismissMessage()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Dismiss")
        }
    }
}
