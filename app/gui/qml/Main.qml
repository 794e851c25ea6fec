// Main.qml — the chat window: sidebar with conversations | header, messages, error banner, composer, status line.
// Binds to the Chat controller (app/core/chat_controller.h); every decision beyond layout lives there.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import RwkvDesktop.Core

ApplicationWindow {
    id: window
    width: 1100
    height: 720
    minimumWidth: 720
    minimumHeight: 480
    visible: true
    title: Chat.currentConversationId > 0 ? qsTr("%1 — RWKV Desktop").arg(Chat.currentTitle) : qsTr("RWKV Desktop")
    color: Theme.window
    font.pixelSize: Theme.fontSize

    FileDialog {
        id: modelDialog
        title: qsTr("Choose an RWKV-7 model")
        currentFolder: Chat.modelFolder
        nameFilters: [qsTr("RWKV models (*.pth *.safetensors *.gguf *.bin)"), qsTr("All files (*)")]
        onAccepted: Chat.loadModel(selectedFile)
    }

    Drawer {
        id: modelsDrawer
        edge: Qt.RightEdge
        width: Math.min(760, window.width * 0.8)
        height: window.height
        ModelManagerPage { anchors.fill: parent }
    }

    ConversationDialogs {
        id: dialogs
        anchors.centerIn: parent
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        ConversationSidebar {
            Layout.fillHeight: true
            Layout.preferredWidth: Theme.sidebarWidth
            onRenameRequested: (id, title) => dialogs.askRename(id, title)
            onDeleteRequested: (id, title) => dialogs.askDelete(id, title)
        }

        Rectangle {
            Layout.fillHeight: true
            Layout.preferredWidth: 1
            color: Theme.border
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            HeaderBar {
                Layout.fillWidth: true
                onChooseModel: modelDialog.open()
                onOpenModelManager: modelsDrawer.open()
            }

            MessageView {
                Layout.fillWidth: true
                Layout.fillHeight: true
            }

            ErrorBanner {
                Layout.fillWidth: true
                Layout.maximumWidth: Theme.contentMaxWidth
                Layout.alignment: Qt.AlignHCenter
                Layout.leftMargin: Theme.spacing
                Layout.rightMargin: Theme.spacing
            }

            Composer {
                Layout.fillWidth: true
                Layout.maximumWidth: Theme.contentMaxWidth
                Layout.alignment: Qt.AlignHCenter
                Layout.margins: Theme.spacing
            }

            StatusBar {
                Layout.fillWidth: true
            }
        }
    }
}
