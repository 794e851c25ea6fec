// CustomSamplingSettings.qml — Settings → Custom sampling: the values of the "custom" preset (AppSettings'
// customSampling*, app/core/app_settings_sampling.cpp), each in a field of its own with its range beside it. A value
// is saved when its field is left or Enter is pressed; one out of its range is refused with the range named and
// nothing saved (the field keeps the text to fix). Chats on Custom use a change from their next reply.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

ColumnLayout {
    id: root
    Layout.fillWidth: true
    spacing: 6

    // What each field is called and what it does, by customSamplingFields' name.
    readonly property var labels: ({
        "temperature": qsTr("Temperature"),
        "topP": qsTr("Top-p"),
        "presencePenalty": qsTr("Presence penalty"),
        "frequencyPenalty": qsTr("Frequency penalty"),
        "penaltyDecay": qsTr("Penalty decay"),
        "maxTokens": qsTr("Longest reply (tokens)")
    })
    readonly property var hints: ({
        "temperature": qsTr("Higher: more varied words; 0: always the likeliest"),
        "topP": qsTr("Only the likeliest words that add up to this share; 0: always the likeliest"),
        "presencePenalty": qsTr("Lowers a word once it has been used"),
        "frequencyPenalty": qsTr("Lowers a word more each time it is used"),
        "penaltyDecay": qsTr("How long the penalties remember a word (1: for the whole reply)"),
        "maxTokens": qsTr("The reply stops at this length")
    })
    // The error of the field refused last ("" when none): which range it must be in.
    property string error: ""
    // Reset: every field shows the stored value again, also one left with a refused text.
    signal valuesReset()

    function shown(field, value) { return Number(value).toFixed(field.decimals) }
    function rangeText(field) {
        return field.decimals === 0
               ? qsTr("%1 must be a whole number from %2 to %3.").arg(labels[field.name]).arg(field.min).arg(field.max)
               : qsTr("%1 must be a number from %2 to %3.").arg(labels[field.name]).arg(field.min).arg(field.max)
    }

    GridLayout {
        Layout.fillWidth: true
        columns: 3
        columnSpacing: Theme.spacing
        rowSpacing: 4

        Repeater {
            model: AppSettings.customSamplingFields
            delegate: Label {
                required property var modelData
                required property int index
                Layout.row: index
                Layout.column: 0
                Layout.preferredWidth: Theme.px(150)  // as the page's FieldLabel: the fields line up with the boxes above
                text: root.labels[modelData.name]
                color: Theme.mutedText
                wrapMode: Text.WordWrap
            }
        }
        Repeater {
            model: AppSettings.customSamplingFields
            delegate: TextField {
                id: field
                required property var modelData
                required property int index
                objectName: "custom_" + modelData.name  // the test hook's "custom sampling:" line
                Layout.row: index
                Layout.column: 1
                Layout.preferredWidth: Theme.px(90)
                selectByMouse: true
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                text: root.shown(modelData, AppSettings.customSamplingValues[modelData.name])
                Accessible.name: root.labels[modelData.name]
                function save() {
                    const typed = text.trim().replace(",", ".")
                    const value = /^[0-9]*\.?[0-9]+$|^[0-9]+\.$/.test(typed) ? Number(typed) : NaN
                    if (!AppSettings.setCustomSamplingValue(modelData.name, value)) {
                        root.error = root.rangeText(modelData)
                        return
                    }
                    root.error = ""
                    text = Qt.binding(() => root.shown(field.modelData, AppSettings.customSamplingValues[field.modelData.name]))
                }
                onEditingFinished: save()
                Connections {
                    target: root
                    function onValuesReset() {
                        field.text = Qt.binding(() => root.shown(field.modelData,
                                                                 AppSettings.customSamplingValues[field.modelData.name]))
                    }
                }
            }
        }
        Repeater {
            model: AppSettings.customSamplingFields
            delegate: Label {
                required property var modelData
                required property int index
                Layout.row: index
                Layout.column: 2
                Layout.fillWidth: true
                text: root.hints[modelData.name] + " (" + modelData.min + "–" + modelData.max + ")"
                color: Theme.mutedText
                font.pixelSize: Theme.smallFontSize
                wrapMode: Text.WordWrap
            }
        }
    }
    Label {
        objectName: "customSamplingError"
        Layout.fillWidth: true
        visible: root.error !== ""
        text: root.error
        color: Theme.danger
        wrapMode: Text.WordWrap
    }
    Button {
        objectName: "customSamplingReset"
        text: qsTr("Reset to the chat preset's values")
        onClicked: {
            AppSettings.resetCustomSampling()
            root.error = ""
            root.valuesReset()
        }
    }
    Label {
        Layout.fillWidth: true
        wrapMode: Text.WordWrap
        color: Theme.mutedText
        font.pixelSize: Theme.smallFontSize
        text: qsTr("Used by the chats on the Custom preset (chosen next to Send, or as the default above) from their next reply.")
    }
}
