// AboutDialog.qml — version, the engine backends compiled into this build, the Qt version, and the licenses of
// the bundled data and of the libraries the app uses (AboutInfo, app/gui/about_info.h).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

Dialog {
    id: dialog
    Component.onCompleted: Theme.followPalette(dialog)  // the content follows a theme switch (Theme.qml)
    modal: true
    width: Math.min(Theme.px(560), parent ? parent.width - 48 : Theme.px(560))
    // Scrolls when taller than the window: at 150 % text the libraries' lines were below a 720 px window's edge.
    height: parent ? Math.min(implicitHeight, parent.height - 24) : implicitHeight
    padding: Theme.spacing * 2
    standardButtons: Dialog.Close
    background: Rectangle {
        color: Theme.window
        radius: Theme.radius
        border.color: Theme.border
    }

    component Fact: RowLayout {
        property alias name: nameLabel.text
        property alias value: valueLabel.text
        Layout.fillWidth: true
        spacing: Theme.spacing
        Label {
            id: nameLabel
            Layout.preferredWidth: Theme.px(150)
            Layout.alignment: Qt.AlignTop
            color: Theme.mutedText
            wrapMode: Text.WordWrap
        }
        Label {
            id: valueLabel
            Layout.fillWidth: true
            color: Theme.text
            wrapMode: Text.Wrap  // a file name longer than the column breaks too
        }
    }

    contentItem: ScrollView {
        id: scroll
        contentWidth: availableWidth
        clip: true
        ColumnLayout {
            width: scroll.availableWidth
            spacing: 10

            RowLayout {
                spacing: Theme.spacing
                Rectangle {
                    width: Theme.px(48)
                    height: width
                    radius: width / 2
                    color: Theme.sidebarSelected
                    Label {
                        anchors.centerIn: parent
                        text: "R"
                        font.pixelSize: Theme.px(24)
                        font.weight: Font.Bold
                        color: Theme.accent
                    }
                }
                ColumnLayout {
                    spacing: 2
                    Label {
                        text: qsTr("RWKV Desktop")
                        font.pixelSize: Theme.titleFontSize + 4
                        font.weight: Font.Bold
                        color: Theme.text
                    }
                    Label {
                        text: qsTr("Chat with RWKV-7 models on your own computer")
                        color: Theme.mutedText
                    }
                }
            }

            Fact { name: qsTr("Version"); value: AboutInfo.version }
            Fact { name: qsTr("Engine backends"); value: AboutInfo.backends.join(", ") }
            Fact {
                name: "Qt"
                value: AboutInfo.qtVersion === AboutInfo.qtBuildVersion ? AboutInfo.qtVersion
                       : qsTr("%1 (built with %2)").arg(AboutInfo.qtVersion).arg(AboutInfo.qtBuildVersion)
            }

            Label {
                Layout.topMargin: 8
                text: qsTr("Bundled data")
                font.weight: Font.DemiBold
                color: Theme.text
            }
            Fact { name: qsTr("World vocabulary"); value: qsTr("rwkv_vocab_v20230424.txt, from the RWKV-LM project — Apache-2.0") }
            Fact { name: qsTr("Demo model"); value: qsTr("tiny-rwkv7-834K.pth, from rwkv.cpp's test suite — Apache-2.0") }
            Fact { name: qsTr("Model catalog"); value: qsTr("models.json: links to the official RWKV-7 releases; each model keeps its own license (Apache-2.0 for the official ones)") }

            Label {
                Layout.topMargin: 8
                text: qsTr("Libraries")
                font.weight: Font.DemiBold
                color: Theme.text
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.mutedText
                text: qsTr("Qt 6 (LGPL-3.0), SQLite (public domain), Zstandard (BSD-3-Clause), nlohmann/json (MIT), xxHash (BSD-2-Clause), and the Vulkan loader (Apache-2.0) when the Vulkan backend is built.")
            }
        }
    }
}
