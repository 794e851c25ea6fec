// ReplyContent.qml — an assistant reply as a column of parts (MessageSegments, app/core/message_segments.h):
// Markdown prose, code blocks with Copy, and collapsible reasoning. While the reply streams, the segments model
// changes in place, so each part keeps its state (an opened reasoning box stays open).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import RwkvDesktop.Core

ColumnLayout {
    id: root
    property string text
    property bool streaming: false
    spacing: 8

    MessageSegments {
        id: segments
        text: root.text
    }

    Repeater {
        model: segments
        delegate: Loader {
            id: part
            required property int index
            required property int kind
            required property string segmentText
            required property string language
            required property bool closed
            readonly property bool last: index === segments.count - 1

            Layout.fillWidth: true
            sourceComponent: kind === MessageSegments.Code ? codePart
                             : kind === MessageSegments.Think ? thinkPart : prosePart

            Component {
                id: prosePart
                MarkdownSegment {
                    markdown: part.segmentText
                    streaming: root.streaming && part.last
                }
            }
            Component {
                id: codePart
                CodeBlock {
                    code: part.segmentText
                    language: part.language
                    closed: part.closed
                }
            }
            Component {
                id: thinkPart
                ThinkBlock {
                    reasoning: part.segmentText
                    closed: part.closed
                }
            }
        }
    }

    // The cursor when the newest part is not prose (or nothing has arrived yet).
    Label {
        visible: root.streaming && (segments.count === 0 || !segments.endsWithProse)
        text: "▍"
        color: Theme.text
    }
}
