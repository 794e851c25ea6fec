// SamplingPresetTexts.qml — what the sampling presets (app/core/sampling_presets.h) are called and what they do, for
// Settings (the app default) and the chat's PresetChooser (a conversation's own preset).
pragma Singleton
import QtQuick

QtObject {
    readonly property var names: ({
        "chat": qsTr("Chat"),
        "precise": qsTr("Precise"),
        "creative": qsTr("Creative")
    })
    readonly property var descriptions: ({
        "chat": qsTr("The official RWKV chat settings (temperature 1.0, top-p 0.3)"),
        "precise": qsTr("Sticks to the most likely words; good for questions and facts (top-p 0.1)"),
        "creative": qsTr("More varied wording for stories and ideas (temperature 1.2, top-p 0.6)")
    })

    function name(id) { return names[id] || id }
    function description(id) { return descriptions[id] || "" }
}
