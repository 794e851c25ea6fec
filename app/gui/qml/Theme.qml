// Theme.qml — colours, sizes and fonts shared by every view (one place to restyle the app).
pragma Singleton
import QtQuick

QtObject {
    readonly property color window: "#ffffff"
    readonly property color sidebar: "#f5f6f8"
    readonly property color sidebarHover: "#eaecf0"
    readonly property color sidebarSelected: "#e1e7fb"
    readonly property color border: "#e3e5e9"
    readonly property color text: "#1d2129"
    readonly property color mutedText: "#6b7280"
    readonly property color accent: "#4263eb"
    readonly property color accentHover: "#3451c7"
    readonly property color accentText: "#ffffff"
    readonly property color userBubble: "#4263eb"
    readonly property color userText: "#ffffff"
    readonly property color assistantBubble: "#f3f4f6"
    readonly property color danger: "#c92a2a"
    readonly property color dangerBackground: "#fff0f0"
    readonly property color stopButton: "#e03131"

    readonly property int radius: 10
    readonly property int spacing: 12
    readonly property int sidebarWidth: 264
    readonly property int contentMaxWidth: 820
    readonly property int fontSize: 14
    readonly property int smallFontSize: 12
    readonly property int titleFontSize: 16
}
