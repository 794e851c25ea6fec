<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV Desktop</translation>
    </message>
    <message>
        <source>Chat with RWKV-7 models on your own computer</source>
        <translation>Chat with RWKV-7 models on your own computer</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Engine backends</source>
        <translation>Engine backends</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1 (built with %2)</translation>
    </message>
    <message>
        <source>Bundled data</source>
        <translation>Bundled data</translation>
    </message>
    <message>
        <source>World vocabulary</source>
        <translation>World vocabulary</translation>
    </message>
    <message>
        <source>rwkv_vocab_v20230424.txt, from the RWKV-LM project — Apache-2.0</source>
        <translation>rwkv_vocab_v20230424.txt, from the RWKV-LM project — Apache-2.0</translation>
    </message>
    <message>
        <source>Demo model</source>
        <translation>Demo model</translation>
    </message>
    <message>
        <source>tiny-rwkv7-834K.pth, from rwkv.cpp&apos;s test suite — Apache-2.0</source>
        <translation>tiny-rwkv7-834K.pth, from rwkv.cpp&apos;s test suite — Apache-2.0</translation>
    </message>
    <message>
        <source>Model catalog</source>
        <translation>Model catalog</translation>
    </message>
    <message>
        <source>models.json: links to the official RWKV-7 releases; each model keeps its own license (Apache-2.0 for the official ones)</source>
        <translation>models.json: links to the official RWKV-7 releases; each model keeps its own license (Apache-2.0 for the official ones)</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>Libraries</translation>
    </message>
    <message>
        <source>Qt 6 (LGPL-3.0), SQLite (public domain), Zstandard (BSD-3-Clause), nlohmann/json (MIT), xxHash (BSD-2-Clause), and the Vulkan loader (Apache-2.0) when the Vulkan backend is built.</source>
        <translation>Qt 6 (LGPL-3.0), SQLite (public domain), Zstandard (BSD-3-Clause), nlohmann/json (MIT), xxHash (BSD-2-Clause), and the Vulkan loader (Apache-2.0) when the Vulkan backend is built.</translation>
    </message>
</context>
<context>
    <name>BranchSwitcher</name>
    <message>
        <source>Previous version</source>
        <translation>Previous version</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>Next version</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>code</source>
        <translation>code</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copied</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy this code to the clipboard</source>
        <translation>Copy this code to the clipboard</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Choose a model to start chatting</source>
        <translation>Choose a model to start chatting</translation>
    </message>
    <message>
        <source>Message RWKV…  (Enter to send, Shift+Enter for a new line)</source>
        <translation>Message RWKV…  (Enter to send, Shift+Enter for a new line)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Stop the reply (the text so far is kept)</source>
        <translation>Stop the reply (the text so far is kept)</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>Send (Enter)</translation>
    </message>
    <message>
        <source>Read-only library: new messages cannot be saved</source>
        <translation>Read-only library: new messages cannot be saved</translation>
    </message>
    <message>
        <source>Loading the model… (you can type: Enter sends once it has loaded)</source>
        <translation>Loading the model… (you can type: Enter sends once it has loaded)</translation>
    </message>
    <message>
        <source>Send once the model has loaded (Enter)</source>
        <translation>Send once the model has loaded (Enter)</translation>
    </message>
    <message>
        <source>Message RWKV…</source>
        <translation>Message RWKV…</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”: send once it has ended</source>
        <translation>A reply is being written in “%1”: send once it has ended</translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Rename…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>Unpin</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>Pin to top</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Writing a reply…</source>
        <translation>Writing a reply…</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Opened %1</translation>
    </message>
    <message>
        <source>Instructions…</source>
        <translation>Instructions…</translation>
    </message>
    <message>
        <source>Starting state…</source>
        <translation>Starting state…</translation>
    </message>
    <message>
        <source>Rename or delete the folder</source>
        <translation>Rename or delete the folder</translation>
    </message>
    <message>
        <source>Rename, instructions, export, starting state, pin, folder or delete</source>
        <translation>Rename, instructions, export, starting state, pin, folder or delete</translation>
    </message>
    <message>
        <source>Move to folder</source>
        <translation>Move to folder</translation>
    </message>
    <message>
        <source>New folder…</source>
        <translation>New folder…</translation>
    </message>
    <message>
        <source>Remove from folder</source>
        <translation>Remove from folder</translation>
    </message>
    <message>
        <source>Delete folder…</source>
        <translation>Delete folder…</translation>
    </message>
    <message>
        <source>Waiting for the Local API…</source>
        <translation>Waiting for the Local API…</translation>
    </message>
</context>
<context>
    <name>ConversationDialogs</name>
    <message>
        <source>Delete “%1” and all its messages? This cannot be undone.</source>
        <translation>Delete “%1” and all its messages? This cannot be undone.</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>Rename conversation</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>Delete conversation</translation>
    </message>
    <message>
        <source>A title keeps its first %1 characters.</source>
        <translation>A title keeps its first %1 characters.</translation>
    </message>
    <message>
        <source>A conversation needs a title.</source>
        <translation>A conversation needs a title.</translation>
    </message>
    <message>
        <source>Instructions for “%1”</source>
        <translation>Instructions for “%1”</translation>
    </message>
    <message>
        <source>The model reads these before the chat, as its first turn: a role, a tone, what to keep to.</source>
        <translation>The model reads these before the chat, as its first turn: a role, a tone, what to keep to.</translation>
    </message>
    <message>
        <source>For example: You are a patient tutor. Answer briefly.</source>
        <translation>For example: You are a patient tutor. Answer briefly.</translation>
    </message>
    <message>
        <source>Blank lines are read as single line breaks. A chat that has messages reads them again from the start with new instructions at its next reply.</source>
        <translation>Blank lines are read as single line breaks. A chat that has messages reads them again from the start with new instructions at its next reply.</translation>
    </message>
    <message>
        <source>Instructions for this new chat</source>
        <translation>Instructions for this new chat</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>New folder</translation>
    </message>
    <message>
        <source>Rename folder</source>
        <translation>Rename folder</translation>
    </message>
    <message>
        <source>Folder name, e.g. Work</source>
        <translation>Folder name, e.g. Work</translation>
    </message>
    <message>
        <source>Delete folder</source>
        <translation>Delete folder</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV Desktop</translation>
    </message>
    <message>
        <source>+  New chat</source>
        <translation>+  New chat</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>No conversations yet.
Say hello to start one.</source>
        <translation>No conversations yet.
Say hello to start one.</translation>
    </message>
    <message numerus="yes">
        <source>No conversations.
%n chat(s) in the trash.
Say hello to start a new one.</source>
        <translation>
            <numerusform>No conversations.
%n chat in the trash.
Say hello to start a new one.</numerusform>
            <numerusform>No conversations.
%n chats in the trash.
Say hello to start a new one.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>Add a conversation from a .rwkvchat bundle or a JSON export</source>
        <translation>Add a conversation from a .rwkvchat bundle or a JSON export</translation>
    </message>
    <message>
        <source>Importing a conversation…</source>
        <translation>Importing a conversation…</translation>
    </message>
</context>
<context>
    <name>CustomSamplingSettings</name>
    <message>
        <source>Temperature</source>
        <translation>Temperature</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Presence penalty</source>
        <translation>Presence penalty</translation>
    </message>
    <message>
        <source>Frequency penalty</source>
        <translation>Frequency penalty</translation>
    </message>
    <message>
        <source>Penalty decay</source>
        <translation>Penalty decay</translation>
    </message>
    <message>
        <source>Longest reply (tokens)</source>
        <translation>Longest reply (tokens)</translation>
    </message>
    <message>
        <source>Higher: more varied words; 0: always the likeliest</source>
        <translation>Higher: more varied words; 0: always the likeliest</translation>
    </message>
    <message>
        <source>Only the likeliest words that add up to this share; 0: always the likeliest</source>
        <translation>Only the likeliest words that add up to this share; 0: always the likeliest</translation>
    </message>
    <message>
        <source>Lowers a word once it has been used</source>
        <translation>Lowers a word once it has been used</translation>
    </message>
    <message>
        <source>Lowers a word more each time it is used</source>
        <translation>Lowers a word more each time it is used</translation>
    </message>
    <message>
        <source>How long the penalties remember a word (1: for the whole reply)</source>
        <translation>How long the penalties remember a word (1: for the whole reply)</translation>
    </message>
    <message>
        <source>The reply stops at this length</source>
        <translation>The reply stops at this length</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3.</source>
        <translation>%1 must be a whole number from %2 to %3.</translation>
    </message>
    <message>
        <source>%1 must be a number from %2 to %3.</source>
        <translation>%1 must be a number from %2 to %3.</translation>
    </message>
    <message>
        <source>Reset to the chat preset&apos;s values</source>
        <translation>Reset to the chat preset&apos;s values</translation>
    </message>
    <message>
        <source>Used by the chats on the Custom preset (chosen next to Send, or as the default above) from their next reply.</source>
        <translation>Used by the chats on the Custom preset (chosen next to Send, or as the default above) from their next reply.</translation>
    </message>
</context>
<context>
    <name>DownloadBanner</name>
    <message>
        <source>Hide (the download goes on)</source>
        <translation>Hide (the download goes on)</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Models</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
</context>
<context>
    <name>DrawerHeader</name>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>EngineError</name>
    <message>
        <source>The file could not be found or opened.</source>
        <translation>The file could not be found or opened.</translation>
    </message>
    <message>
        <source>The file could not be read. Check that it can be read and that its disk works.</source>
        <translation>The file could not be read. Check that it can be read and that its disk works.</translation>
    </message>
    <message>
        <source>This is not a model file RWKV Desktop can read (.pth, .safetensors, .gguf or rwkv.cpp .bin).</source>
        <translation>This is not a model file RWKV Desktop can read (.pth, .safetensors, .gguf or rwkv.cpp .bin).</translation>
    </message>
    <message>
        <source>The file is incomplete (an interrupted download or copy?). Download or copy it again.</source>
        <translation>The file is incomplete (an interrupted download or copy?). Download or copy it again.</translation>
    </message>
    <message>
        <source>The file is damaged: its contents do not fit together. Download or copy it again.</source>
        <translation>The file is damaged: its contents do not fit together. Download or copy it again.</translation>
    </message>
    <message>
        <source>The file is damaged: some of its weights are not numbers. Download or copy it again.</source>
        <translation>The file is damaged: some of its weights are not numbers. Download or copy it again.</translation>
    </message>
    <message>
        <source>The file asks to run code when it is opened, so it was not loaded.</source>
        <translation>The file asks to run code when it is opened, so it was not loaded.</translation>
    </message>
    <message>
        <source>There is not enough memory for this model. Close other programs or choose a smaller model.</source>
        <translation>There is not enough memory for this model. Close other programs or choose a smaller model.</translation>
    </message>
    <message>
        <source>The chosen device is not available. Choose another device (or Automatic) in Settings.</source>
        <translation>The chosen device is not available. Choose another device (or Automatic) in Settings.</translation>
    </message>
    <message>
        <source>The model&apos;s outputs are not numbers: the file is damaged or is not an RWKV-7 model. Download or copy it again, or choose another model.</source>
        <translation>The model&apos;s outputs are not numbers: the file is damaged or is not an RWKV-7 model. Download or copy it again, or choose another model.</translation>
    </message>
    <message>
        <source>No NVIDIA GPU driver was found, so CUDA cannot run on this computer. Choose the CPU or a Vulkan device in Settings.</source>
        <translation>No NVIDIA GPU driver was found, so CUDA cannot run on this computer. Choose the CPU or a Vulkan device in Settings.</translation>
    </message>
    <message>
        <source>The NVIDIA GPU driver is older than this build of RWKV Desktop needs. Update the driver, or choose the CPU or a Vulkan device in Settings.</source>
        <translation>The NVIDIA GPU driver is older than this build of RWKV Desktop needs. Update the driver, or choose the CPU or a Vulkan device in Settings.</translation>
    </message>
    <message>
        <source>No NVIDIA GPU was found. Choose the CPU or a Vulkan device in Settings.</source>
        <translation>No NVIDIA GPU was found. Choose the CPU or a Vulkan device in Settings.</translation>
    </message>
    <message>
        <source>This is an %1 model: RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 model.</source>
        <translation>This is an %1 model: RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 model.</translation>
    </message>
    <message>
        <source>This file is not an RWKV model (the details say what it is): RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 model.</source>
        <translation>This file is not an RWKV model (the details say what it is): RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 model.</translation>
    </message>
    <message>
        <source>This file is not an RWKV-7 model: it does not have RWKV-7&apos;s layers (the details say what it has). Choose an RWKV-7 model.</source>
        <translation>This file is not an RWKV-7 model: it does not have RWKV-7&apos;s layers (the details say what it has). Choose an RWKV-7 model.</translation>
    </message>
    <message>
        <source>This model is not one RWKV Desktop can run (the details say why). Choose another RWKV-7 model.</source>
        <translation>This model is not one RWKV Desktop can run (the details say why). Choose another RWKV-7 model.</translation>
    </message>
    <message>
        <source>The engine refused a setting of this reply (the details say which). Check the reply&apos;s settings and try again.</source>
        <translation>The engine refused a setting of this reply (the details say which). Check the reply&apos;s settings and try again.</translation>
    </message>
    <message>
        <source>The model&apos;s file could not be found or opened any more. Load the model again.</source>
        <translation>The model&apos;s file could not be found or opened any more. Load the model again.</translation>
    </message>
    <message>
        <source>The model&apos;s file could not be read. Check that its disk works, then load the model again.</source>
        <translation>The model&apos;s file could not be read. Check that its disk works, then load the model again.</translation>
    </message>
    <message>
        <source>The model&apos;s file is damaged. Download or copy it again, or choose another model.</source>
        <translation>The model&apos;s file is damaged. Download or copy it again, or choose another model.</translation>
    </message>
    <message>
        <source>The text holds a token this model does not have: its tokenizer does not fit its weights. Choose another model.</source>
        <translation>The text holds a token this model does not have: its tokenizer does not fit its weights. Choose another model.</translation>
    </message>
    <message>
        <source>A saved state of this chat does not fit the loaded model. Try again; if it fails again, report it with the details.</source>
        <translation>A saved state of this chat does not fit the loaded model. Try again; if it fails again, report it with the details.</translation>
    </message>
    <message>
        <source>A saved state of this chat is damaged. Try again; if it fails again, report it with the details.</source>
        <translation>A saved state of this chat is damaged. Try again; if it fails again, report it with the details.</translation>
    </message>
    <message>
        <source>There is not enough memory to write the reply. Close other programs or choose a smaller model.</source>
        <translation>There is not enough memory to write the reply. Close other programs or choose a smaller model.</translation>
    </message>
    <message>
        <source>The device writing the reply is not available any more. Choose another device (or Automatic) in Settings.</source>
        <translation>The device writing the reply is not available any more. Choose another device (or Automatic) in Settings.</translation>
    </message>
    <message>
        <source>The reply was cancelled.</source>
        <translation>The reply was cancelled.</translation>
    </message>
    <message>
        <source>Something went wrong inside RWKV Desktop while it wrote the reply (a bug: the details say where). Try again, and report it if it happens again.</source>
        <translation>Something went wrong inside RWKV Desktop while it wrote the reply (a bug: the details say where). Try again, and report it if it happens again.</translation>
    </message>
    <message>
        <source>The reply could not be written (the details say why).</source>
        <translation>The reply could not be written (the details say why).</translation>
    </message>
    <message>
        <source>The reply could not be written.</source>
        <translation>The reply could not be written.</translation>
    </message>
    <message>
        <source>This is not a model file: it is %1.</source>
        <translation>This is not a model file: it is %1.</translation>
    </message>
    <message>
        <source>This is an RWKV state-tuning file (a trained starting state), not a model. Load a model, then choose this file as a chat&apos;s starting state (⋯ → Starting state…).</source>
        <translation>This is an RWKV state-tuning file (a trained starting state), not a model. Load a model, then choose this file as a chat&apos;s starting state (⋯ → Starting state…).</translation>
    </message>
    <message>
        <source>This is not a file stored on a disk but one the system makes up as it is read (a file of /proc or /sys), so it cannot be a model. Choose a model file.</source>
        <translation>This is not a file stored on a disk but one the system makes up as it is read (a file of /proc or /sys), so it cannot be a model. Choose a model file.</translation>
    </message>
    <message>
        <source>This is a model, not a state-tuning file: open it with the model button (top right).</source>
        <translation>This is a model, not a state-tuning file: open it with the model button (top right).</translation>
    </message>
    <message>
        <source>This is not a file stored on a disk (a device, a pipe, or a file of /proc or /sys), so it cannot be a starting state. Choose a state-tuning file.</source>
        <translation>This is not a file stored on a disk (a device, a pipe, or a file of /proc or /sys), so it cannot be a starting state. Choose a state-tuning file.</translation>
    </message>
    <message>
        <source>This is not an RWKV state-tuning file (a .pth or .safetensors file of a trained starting state).</source>
        <translation>This is not an RWKV state-tuning file (a .pth or .safetensors file of a trained starting state).</translation>
    </message>
    <message>
        <source>This state-tuning file is for a model RWKV Desktop cannot run (the details say why).</source>
        <translation>This state-tuning file is for a model RWKV Desktop cannot run (the details say why).</translation>
    </message>
    <message>
        <source>This state-tuning file was made for a model of another size (the details name both). Choose one made for the loaded model, or load the model it was made for.</source>
        <translation>This state-tuning file was made for a model of another size (the details name both). Choose one made for the loaded model, or load the model it was made for.</translation>
    </message>
    <message>
        <source>This is %1, not a file stored on a disk, so it cannot be a model. Choose a model file.</source>
        <translation>This is %1, not a file stored on a disk, so it cannot be a model. Choose a model file.</translation>
    </message>
    <message>
        <source>This is %1, not a file stored on a disk, so it cannot be a starting state. Choose a state-tuning file.</source>
        <translation>This is %1, not a file stored on a disk, so it cannot be a starting state. Choose a state-tuning file.</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>a named pipe (FIFO)</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>a character device</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>a block device</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>a socket</translation>
    </message>
    <message>
        <source>a file of %1, which the system makes up as it is read</source>
        <translation>a file of %1, which the system makes up as it is read</translation>
    </message>
    <message>
        <source>a file of one of the kernel&apos;s own file systems, which the system makes up as it is read</source>
        <translation>a file of one of the kernel&apos;s own file systems, which the system makes up as it is read</translation>
    </message>
    <message>
        <source>Some of this model&apos;s weights are too large for fp16 weights (the details name one). Choose int8 in Settings → Weights in memory and the CPU in Settings → Device: int8 weights hold them.</source>
        <translation>Some of this model&apos;s weights are too large for fp16 weights (the details name one). Choose int8 in Settings → Weights in memory and the CPU in Settings → Device: int8 weights hold them.</translation>
    </message>
    <message>
        <source>Some of this model&apos;s weights are too large for both fp16 and int8 weights, the kinds this window loads (the details name one). No trained model has such weights: the file may be damaged. Download or copy it again, or choose another model.</source>
        <translation>Some of this model&apos;s weights are too large for both fp16 and int8 weights, the kinds this window loads (the details name one). No trained model has such weights: the file may be damaged. Download or copy it again, or choose another model.</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Your conversations are open read-only: %1 (or its folder) cannot be written, so new messages and changes will not be saved. Make it writable and restart RWKV Desktop to save again.</source>
        <translation>Your conversations are open read-only: %1 (or its folder) cannot be written, so new messages and changes will not be saved. Make it writable and restart RWKV Desktop to save again.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
    <message>
        <source>Your conversations are open read-only: %2 cannot be written now (%1), so new messages and changes will not be saved. Free some space on its disk and restart RWKV Desktop to save again.</source>
        <translation>Your conversations are open read-only: %2 cannot be written now (%1), so new messages and changes will not be saved. Free some space on its disk and restart RWKV Desktop to save again.</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copied</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy every reply not saved to the clipboard</source>
        <translation>Copy every reply not saved to the clipboard</translation>
    </message>
    <message>
        <source>Copy the reply not saved to the clipboard</source>
        <translation>Copy the reply not saved to the clipboard</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <source>Models</source>
        <translation>Models</translation>
    </message>
    <message>
        <source>Download and manage models</source>
        <translation>Download and manage models</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>Choose a model…</translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation>Choose a model file</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Device, language, theme and folders (Ctrl+,)</source>
        <translation>Device, language, theme and folders (Ctrl+,)</translation>
    </message>
    <message>
        <source>The model can be changed once the reply is written</source>
        <translation>The model can be changed once the reply is written</translation>
    </message>
    <message>
        <source>Hide the conversations</source>
        <translation>Hide the conversations</translation>
    </message>
    <message>
        <source>Show the conversations</source>
        <translation>Show the conversations</translation>
    </message>
</context>
<context>
    <name>ImportBanner</name>
    <message>
        <source>This conversation was made with %1, which is not on this computer. Download it (%2) to continue where it left off?</source>
        <translation>This conversation was made with %1, which is not on this computer. Download it (%2) to continue where it left off?</translation>
    </message>
    <message>
        <source>Download (%1)</source>
        <translation>Download (%1)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Import a copy</source>
        <translation>Import a copy</translation>
    </message>
</context>
<context>
    <name>InstructionsField</name>
    <message>
        <source>Not pasted: the %1 characters on the clipboard would make these instructions longer than %2. A long text for the model to read goes in a message.</source>
        <translation>Not pasted: the %1 characters on the clipboard would make these instructions longer than %2. A long text for the model to read goes in a message.</translation>
    </message>
    <message>
        <source>Instructions hold at most %1 characters; this text has %2. Shorten it to keep it.</source>
        <translation>Instructions hold at most %1 characters; this text has %2. Shorten it to keep it.</translation>
    </message>
    <message>
        <source>Instructions hold at most %1 characters, an emoji, a flag or some accented letters counting as 2 or more; this text has %2 counted so (%3 as you read them). Shorten it to keep it.</source>
        <translation>Instructions hold at most %1 characters, an emoji, a flag or some accented letters counting as 2 or more; this text has %2 counted so (%3 as you read them). Shorten it to keep it.</translation>
    </message>
    <message>
        <source>Not pasted: the %1 characters on the clipboard, %2 as the limit counts them (an emoji, a flag or some accented letters count as 2 or more), would make these instructions longer than %3. A long text for the model to read goes in a message.</source>
        <translation>Not pasted: the %1 characters on the clipboard, %2 as the limit counts them (an emoji, a flag or some accented letters count as 2 or more), would make these instructions longer than %3. A long text for the model to read goes in a message.</translation>
    </message>
</context>
<context>
    <name>InstructionsLine</name>
    <message>
        <source>Instructions: %1</source>
        <translation>Instructions: %1</translation>
    </message>
    <message>
        <source>Change this chat&apos;s instructions</source>
        <translation>Change this chat&apos;s instructions</translation>
    </message>
    <message>
        <source>Add instructions…</source>
        <translation>Add instructions…</translation>
    </message>
    <message>
        <source>What the model reads before this new chat: a role, a tone, what to keep to</source>
        <translation>What the model reads before this new chat: a role, a tone, what to keep to</translation>
    </message>
</context>
<context>
    <name>MadeFromLine</name>
    <message>
        <source>Made from “%1”</source>
        <translation>Made from “%1”</translation>
    </message>
    <message>
        <source>Open the chat this one was made from, at the message it was made from</source>
        <translation>Open the chat this one was made from, at the message it was made from</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 — RWKV Desktop</source>
        <translation>%1 — RWKV Desktop</translation>
    </message>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV Desktop</translation>
    </message>
    <message>
        <source>Choose an RWKV-7 model</source>
        <translation>Choose an RWKV-7 model</translation>
    </message>
    <message>
        <source>RWKV models (*.pth *.safetensors *.gguf *.bin)</source>
        <translation>RWKV models (*.pth *.safetensors *.gguf *.bin)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>Import a conversation</source>
        <translation>Import a conversation</translation>
    </message>
    <message>
        <source>Conversations (*.rwkvchat *.json)</source>
        <translation>Conversations (*.rwkvchat *.json)</translation>
    </message>
    <message>
        <source>Export a conversation</source>
        <translation>Export a conversation</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Bundle (*.rwkvchat)</source>
        <translation>Bundle (*.rwkvchat)</translation>
    </message>
    <message>
        <source>JSON export (*.json)</source>
        <translation>JSON export (*.json)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Ctrl+L: type a path</source>
        <translation>Ctrl+L: type a path</translation>
    </message>
    <message>
        <source>Replace “%1”?</source>
        <translation>Replace “%1”?</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>A file named “%1” is already in this folder. Replacing it overwrites what it holds.</source>
        <translation>A file named “%1” is already in this folder. Replacing it overwrites what it holds.</translation>
    </message>
    <message>
        <source>Your unsent text can&apos;t be kept: the disk is full. Copy it before you quit.</source>
        <translation>Your unsent text can&apos;t be kept: the disk is full. Copy it before you quit.</translation>
    </message>
    <message>
        <source>Quit and lose the text in the message box?</source>
        <translation>Quit and lose the text in the message box?</translation>
    </message>
    <message>
        <source>The disk is full: the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>The disk is full: the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</translation>
    </message>
    <message>
        <source>Quit and lose it</source>
        <translation>Quit and lose it</translation>
    </message>
    <message>
        <source>Back to the text</source>
        <translation>Back to the text</translation>
    </message>
    <message>
        <source>RWKV Desktop may not write its drafts file %1 (%2): the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>RWKV Desktop may not write its drafts file %1 (%2): the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</translation>
    </message>
    <message>
        <source>The drafts file %1 could not be written (%2): the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>The drafts file %1 could not be written (%2): the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</translation>
    </message>
    <message>
        <source>Your unsent text can&apos;t be kept: RWKV Desktop may not write its drafts file %1 (%2). Copy it before you quit.</source>
        <translation>Your unsent text can&apos;t be kept: RWKV Desktop may not write its drafts file %1 (%2). Copy it before you quit.</translation>
    </message>
    <message>
        <source>Your unsent text can&apos;t be kept: the drafts file %1 could not be written (%2). Copy it before you quit.</source>
        <translation>Your unsent text can&apos;t be kept: the drafts file %1 could not be written (%2). Copy it before you quit.</translation>
    </message>
    <message>
        <source>the chat “%1”</source>
        <translation>the chat “%1”</translation>
    </message>
    <message>
        <source>%1 chats (“%2” among them)</source>
        <translation>%1 chats (“%2” among them)</translation>
    </message>
    <message>
        <source>Quit and lose the text that could not be saved?</source>
        <translation>Quit and lose the text that could not be saved?</translation>
    </message>
    <message>
        <source>RWKV Desktop may not write its drafts file %1 (%2)</source>
        <translation>RWKV Desktop may not write its drafts file %1 (%2)</translation>
    </message>
    <message>
        <source>The drafts file %1 could not be written (%2)</source>
        <translation>The drafts file %1 could not be written (%2)</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>The disk is full</translation>
    </message>
    <message>
        <source>%1: the text in the message box and the unsent text of %2 could not be saved. If you quit now, all of it is lost. Copy it first to keep it.</source>
        <translation>%1: the text in the message box and the unsent text of %2 could not be saved. If you quit now, all of it is lost. Copy it first to keep it.</translation>
    </message>
    <message>
        <source>%1: the unsent text of %2 could not be saved. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>%1: the unsent text of %2 could not be saved. If you quit now, it is lost. Copy it first to keep it.</translation>
    </message>
    <message>
        <source>Read-only library: new messages and changes are not saved (%1 cannot be written).</source>
        <translation>Read-only library: new messages and changes are not saved (%1 cannot be written).</translation>
    </message>
    <message>
        <source>RWKV state-tuning files (*.pth *.safetensors)</source>
        <translation>RWKV state-tuning files (*.pth *.safetensors)</translation>
    </message>
    <message>
        <source>Starting state for “%1”</source>
        <translation>Starting state for “%1”</translation>
    </message>
    <message>
        <source>Starting state for this new chat</source>
        <translation>Starting state for this new chat</translation>
    </message>
</context>
<context>
    <name>MarkdownSegment</name>
    <message>
        <source>Copied the link %1 — RWKV Desktop opens only web links.</source>
        <translation>Copied the link %1 — RWKV Desktop opens only web links.</translation>
    </message>
    <message>
        <source>No browser opened the link %1 — it was copied: paste it into a browser.</source>
        <translation>No browser opened the link %1 — it was copied: paste it into a browser.</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <source>Read-only library: changes cannot be saved</source>
        <translation>Read-only library: changes cannot be saved</translation>
    </message>
    <message>
        <source>✓ Copied</source>
        <translation>✓ Copied</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy this message to the clipboard</source>
        <translation>Copy this message to the clipboard</translation>
    </message>
    <message>
        <source>↻ Regenerate</source>
        <translation>↻ Regenerate</translation>
    </message>
    <message>
        <source>Write another reply from the same point; this one is kept</source>
        <translation>Write another reply from the same point; this one is kept</translation>
    </message>
    <message>
        <source>✎ Edit</source>
        <translation>✎ Edit</translation>
    </message>
    <message>
        <source>Change this message; the conversation so far is kept as another version</source>
        <translation>Change this message; the conversation so far is kept as another version</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>Edit message</translation>
    </message>
    <message>
        <source>Send as new version</source>
        <translation>Send as new version</translation>
    </message>
    <message>
        <source>New chat from here</source>
        <translation>New chat from here</translation>
    </message>
    <message>
        <source>Start a new chat with the conversation before this question; the question waits in its message box</source>
        <translation>Start a new chat with the conversation before this question; the question waits in its message box</translation>
    </message>
    <message>
        <source>Start a new chat with the conversation up to this reply; it goes on from here without reading it again</source>
        <translation>Start a new chat with the conversation up to this reply; it goes on from here without reading it again</translation>
    </message>
    <message>
        <source>Making the new chat…</source>
        <translation>Making the new chat…</translation>
    </message>
    <message>
        <source>→ Continue</source>
        <translation>→ Continue</translation>
    </message>
    <message>
        <source>Write on from where this reply was cut off, as a new version; this one is kept</source>
        <translation>Write on from where this reply was cut off, as a new version; this one is kept</translation>
    </message>
    <message>
        <source>3 replies</source>
        <translation>3 replies</translation>
    </message>
    <message>
        <source>Write three new versions of this reply at once, from the same point, to compare with ‹ ›; this one is kept</source>
        <translation>Write three new versions of this reply at once, from the same point, to compare with ‹ ›; this one is kept</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>Unfinished: this reply was cut off. Regenerate for a complete one.</source>
        <translation>Unfinished: this reply was cut off. Regenerate for a complete one.</translation>
    </message>
    <message>
        <source>No reply: it ended before its first word (stopped, failed or cut off). Regenerate to try again.</source>
        <translation>No reply: it ended before its first word (stopped, failed or cut off). Regenerate to try again.</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Cut off when the program writing it was closed. Regenerate for a complete one.</source>
        <translation>Cut off when the program writing it was closed. Regenerate for a complete one.</translation>
    </message>
    <message>
        <source>Reached the length limit</source>
        <translation>Reached the length limit</translation>
    </message>
    <message>
        <source>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Regenerate to write a new one.</source>
        <translation>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Regenerate to write a new one.</translation>
    </message>
    <message>
        <source>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Its question was read with the next message.</source>
        <translation>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Its question was read with the next message.</translation>
    </message>
    <message>
        <source>No reply: it ended before its first word (stopped, failed or cut off), so its question was read with the next message.</source>
        <translation>No reply: it ended before its first word (stopped, failed or cut off), so its question was read with the next message.</translation>
    </message>
    <message>
        <source>No reply: you stopped it before its first word, so its question was read with the next message.</source>
        <translation>No reply: you stopped it before its first word, so its question was read with the next message.</translation>
    </message>
    <message>
        <source>No reply: you stopped it before its first word. Regenerate to write one.</source>
        <translation>No reply: you stopped it before its first word. Regenerate to write one.</translation>
    </message>
    <message>
        <source>No reply: RWKV Desktop was closed before its first word, so its question was read with the next message.</source>
        <translation>No reply: RWKV Desktop was closed before its first word, so its question was read with the next message.</translation>
    </message>
    <message>
        <source>No reply: RWKV Desktop was closed before its first word. Regenerate to write one.</source>
        <translation>No reply: RWKV Desktop was closed before its first word. Regenerate to write one.</translation>
    </message>
    <message>
        <source>Unfinished: this reply was cut off. Continue it, or regenerate a complete one.</source>
        <translation>Unfinished: this reply was cut off. Continue it, or regenerate a complete one.</translation>
    </message>
    <message>
        <source>Cut off when the program writing it was closed. Continue it, or regenerate a complete one.</source>
        <translation>Cut off when the program writing it was closed. Continue it, or regenerate a complete one.</translation>
    </message>
    <message>
        <source>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Its question will be read with the next message that gets a reply.</source>
        <translation>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Its question will be read with the next message that gets a reply.</translation>
    </message>
    <message>
        <source>No reply: you stopped it before its first word, so its question will be read with the next message that gets a reply.</source>
        <translation>No reply: you stopped it before its first word, so its question will be read with the next message that gets a reply.</translation>
    </message>
    <message>
        <source>No reply: RWKV Desktop was closed before its first word, so its question will be read with the next message that gets a reply.</source>
        <translation>No reply: RWKV Desktop was closed before its first word, so its question will be read with the next message that gets a reply.</translation>
    </message>
    <message>
        <source>No reply: it ended before its first word (stopped, failed or cut off), so its question will be read with the next message that gets a reply.</source>
        <translation>No reply: it ended before its first word (stopped, failed or cut off), so its question will be read with the next message that gets a reply.</translation>
    </message>
    <message>
        <source>(only spaces or invisible characters)</source>
        <translation>(only spaces or invisible characters)</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>How can I help?</source>
        <translation>How can I help?</translation>
    </message>
    <message>
        <source>Everything runs on this computer. Conversations are saved with the model&apos;s memory, so long chats continue instantly.</source>
        <translation>Everything runs on this computer. Conversations are saved with the model&apos;s memory, so long chats continue instantly.</translation>
    </message>
    <message>
        <source>You are trying the bundled demo model, a tiny test model: its replies are English-looking babble. For real conversations, &lt;a href=&quot;models&quot;&gt;download a model&lt;/a&gt; (0.1B to 13.3B).</source>
        <translation>You are trying the bundled demo model, a tiny test model: its replies are English-looking babble. For real conversations, &lt;a href=&quot;models&quot;&gt;download a model&lt;/a&gt; (0.1B to 13.3B).</translation>
    </message>
    <message>
        <source>No messages in this chat</source>
        <translation>No messages in this chat</translation>
    </message>
    <message>
        <source>Its title and settings are here, but none of its messages: they could not be read back from a damaged conversation database, or none was saved. Write below to start it again.</source>
        <translation>Its title and settings are here, but none of its messages: they could not be read back from a damaged conversation database, or none was saved. Write below to start it again.</translation>
    </message>
</context>
<context>
    <name>ModelFileCheck</name>
    <message>
        <source>Damaged</source>
        <translation>Damaged</translation>
    </message>
    <message>
        <source>Not RWKV-7</source>
        <translation>Not RWKV-7</translation>
    </message>
    <message>
        <source>Cannot be used</source>
        <translation>Cannot be used</translation>
    </message>
    <message>
        <source>%1
Details: %2</source>
        <translation>%1
Details: %2</translation>
    </message>
    <message>
        <source>Starting state</source>
        <translation>Starting state</translation>
    </message>
</context>
<context>
    <name>ModelManagerPage</name>
    <message>
        <source>Models</source>
        <translation>Models</translation>
    </message>
    <message>
        <source>Choose the models folder</source>
        <translation>Choose the models folder</translation>
    </message>
    <message>
        <source>Import a model file</source>
        <translation>Import a model file</translation>
    </message>
    <message>
        <source>Model files (*.pth *.gguf *.st *.safetensors *.bin)</source>
        <translation>Model files (*.pth *.gguf *.st *.safetensors *.bin)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>Models folder</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <source>Download from</source>
        <translation>Download from</translation>
    </message>
    <message>
        <source>Available models</source>
        <translation>Available models</translation>
    </message>
    <message>
        <source>Verifying sha256…</source>
        <translation>Verifying sha256…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>On this computer</translation>
    </message>
    <message>
        <source>Import from disk…</source>
        <translation>Import from disk…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>No models yet: download one above or import a file.</source>
        <translation>No models yet: download one above or import a file.</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>Delete model</translation>
    </message>
    <message>
        <source>Delete %1 from the models folder?</source>
        <translation>Delete %1 from the models folder?</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>Only the bundled demo model so far (it answers with babble): download a model above or import a file.</source>
        <translation>Only the bundled demo model so far (it answers with babble): download a model above or import a file.</translation>
    </message>
    <message>
        <source>Ctrl+L: type a path</source>
        <translation>Ctrl+L: type a path</translation>
    </message>
    <message>
        <source>Deleted: it stays loaded until you choose another model or quit</source>
        <translation>Deleted: it stays loaded until you choose another model or quit</translation>
    </message>
    <message>
        <source>%1 is the model in use. Delete it from the models folder? It stays loaded until you choose another model or quit.</source>
        <translation>%1 is the model in use. Delete it from the models folder? It stays loaded until you choose another model or quit.</translation>
    </message>
    <message>
        <source>%1 · in %2</source>
        <translation>%1 · in %2</translation>
    </message>
    <message>
        <source>%1 · bundled demo model</source>
        <translation>%1 · bundled demo model</translation>
    </message>
    <message>
        <source>Download again</source>
        <translation>Download again</translation>
    </message>
    <message>
        <source>Ctrl+L: a path from your home folder</source>
        <translation>Ctrl+L: a path from your home folder</translation>
    </message>
    <message>
        <source>%1 · loaded as %2</source>
        <translation>%1 · loaded as %2</translation>
    </message>
    <message>
        <source>Renamed to %1, which is not a model file name: it stays loaded until you choose another model or quit</source>
        <translation>Renamed to %1, which is not a model file name: it stays loaded until you choose another model or quit</translation>
    </message>
</context>
<context>
    <name>PastedText</name>
    <message>
        <source>Long text: one line, %1 characters</source>
        <translation>Long text: one line, %1 characters</translation>
    </message>
    <message>
        <source>Long text: %1 lines, %2 characters</source>
        <translation>Long text: %1 lines, %2 characters</translation>
    </message>
    <message>
        <source>Pasted text: one line, %1 characters</source>
        <translation>Pasted text: one line, %1 characters</translation>
    </message>
    <message>
        <source>Pasted text: %1 lines, %2 characters</source>
        <translation>Pasted text: %1 lines, %2 characters</translation>
    </message>
    <message>
        <source>Remove this text from the message</source>
        <translation>Remove this text from the message</translation>
    </message>
    <message>
        <source>Remove the pasted text</source>
        <translation>Remove the pasted text</translation>
    </message>
    <message>
        <source>Part of the message, before what is in the box; not shown in the box because it is long</source>
        <translation>Part of the message, before what is in the box; not shown in the box because it is long</translation>
    </message>
    <message>
        <source>Sent with your message, before what you type in the box</source>
        <translation>Sent with your message, before what you type in the box</translation>
    </message>
</context>
<context>
    <name>PrefillBar</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Stop reading (Esc); the message stays, without a reply</source>
        <translation>Stop reading (Esc); the message stays, without a reply</translation>
    </message>
</context>
<context>
    <name>PresetChooser</name>
    <message>
        <source>Default (%1)</source>
        <translation>Default (%1)</translation>
    </message>
    <message>
        <source>Follows the preset chosen in Settings (now %1). %2</source>
        <translation>Follows the preset chosen in Settings (now %1). %2</translation>
    </message>
    <message>
        <source>Sampling preset for this conversation&apos;s replies</source>
        <translation>Sampling preset for this conversation&apos;s replies</translation>
    </message>
</context>
<context>
    <name>SamplingPresetTexts</name>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Precise</source>
        <translation>Precise</translation>
    </message>
    <message>
        <source>Creative</source>
        <translation>Creative</translation>
    </message>
    <message>
        <source>The official RWKV chat settings (temperature 1.0, top-p 0.3)</source>
        <translation>The official RWKV chat settings (temperature 1.0, top-p 0.3)</translation>
    </message>
    <message>
        <source>Sticks to the most likely words; good for questions and facts (top-p 0.1)</source>
        <translation>Sticks to the most likely words; good for questions and facts (top-p 0.1)</translation>
    </message>
    <message>
        <source>More varied wording for stories and ideas (temperature 1.2, top-p 0.6)</source>
        <translation>More varied wording for stories and ideas (temperature 1.2, top-p 0.6)</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Custom</translation>
    </message>
    <message>
        <source>Your values from Settings: temperature %1, top-p %2, presence penalty %3, frequency penalty %4, penalty decay %5, replies up to %6 tokens</source>
        <translation>Your values from Settings: temperature %1, top-p %2, presence penalty %3, frequency penalty %4, penalty decay %5, replies up to %6 tokens</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Search conversations</source>
        <translation>Search conversations</translation>
    </message>
    <message>
        <source>A search uses at most %1 characters</source>
        <translation>A search uses at most %1 characters</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>Clear the search</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <source>No messages match “%1”.</source>
        <translation>No messages match “%1”.</translation>
    </message>
</context>
<context>
    <name>Sentences</name>
    <message>
        <source>%1 %2</source>
        <extracomment>Two whole sentences said one after the other on one line (%1 ends with its own full stop). Chinese: &quot;%1%2&quot;.</extracomment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Choose the data folder</source>
        <translation>Choose the data folder</translation>
    </message>
    <message>
        <source>Choose the models folder</source>
        <translation>Choose the models folder</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>About RWKV Desktop</source>
        <translation>About RWKV Desktop</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Appearance</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>System default</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Theme</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dark</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Where models run. Changing it reloads the current model. If the chosen GPU cannot hold the model, the CPU is used and the app says why.</source>
        <translation>Where models run. Changing it reloads the current model. If the chosen GPU cannot hold the model, the CPU is used and the app says why.</translation>
    </message>
    <message>
        <source>The saved device “%1” is not present now; models load on the CPU until it is back or you choose another.</source>
        <translation>The saved device “%1” is not present now; models load on the CPU until it is back or you choose another.</translation>
    </message>
    <message>
        <source>In use now: %1</source>
        <translation>In use now: %1</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU threads</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <source>Automatic uses all %1 hardware threads, or one for a very small model.</source>
        <translation>Automatic uses all %1 hardware threads, or one for a very small model.</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>Replies</translation>
    </message>
    <message>
        <source>Sampling preset</source>
        <translation>Sampling preset</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Folders</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>Used from the next start. Now in use: %1</source>
        <translation>Used from the next start. Now in use: %1</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Change…</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Default</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Models</translation>
    </message>
    <message>
        <source>Settings are saved at once in %1.</source>
        <translation>Settings are saved at once in %1.</translation>
    </message>
    <message>
        <source>A conversation can choose its own preset next to Send; this one is used by the others.</source>
        <translation>A conversation can choose its own preset next to Send; this one is used by the others.</translation>
    </message>
    <message>
        <source>Ctrl+L: a path from your home folder</source>
        <translation>Ctrl+L: a path from your home folder</translation>
    </message>
    <message>
        <source>Fewer CPU threads</source>
        <translation>Fewer CPU threads</translation>
    </message>
    <message>
        <source>More CPU threads</source>
        <translation>More CPU threads</translation>
    </message>
    <message>
        <source>The device, CPU threads and weights chosen apply once the model now loading is ready: it then loads again.</source>
        <translation>The device, CPU threads and weights chosen apply once the model now loading is ready: it then loads again.</translation>
    </message>
    <message>
        <source>The device, CPU threads and weights chosen apply when the reply under way ends or is stopped: the model then loads again.</source>
        <translation>The device, CPU threads and weights chosen apply when the reply under way ends or is stopped: the model then loads again.</translation>
    </message>
    <message>
        <source>Weights in memory</source>
        <translation>Weights in memory</translation>
    </message>
    <message>
        <source>fp16 — exact, more memory</source>
        <translation>fp16 — exact, more memory</translation>
    </message>
    <message>
        <source>int8 — about half the memory, slightly less exact</source>
        <translation>int8 — about half the memory, slightly less exact</translation>
    </message>
    <message>
        <source>int8 lets a larger model fit in memory, the GPU&apos;s or the computer&apos;s RAM (a 7B model in about 8 GB instead of 15 GB); its replies differ slightly. Changing it reloads the current model.</source>
        <translation>int8 lets a larger model fit in memory, the GPU&apos;s or the computer&apos;s RAM (a 7B model in about 8 GB instead of 15 GB); its replies differ slightly. Changing it reloads the current model.</translation>
    </message>
    <message>
        <source>Instructions for new chats</source>
        <translation>Instructions for new chats</translation>
    </message>
    <message>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <source>A new chat starts with these (the model reads them before the chat). Each chat keeps its own: change them in its ⋯ menu (Instructions…).</source>
        <translation>A new chat starts with these (the model reads them before the chat). Each chat keeps its own: change them in its ⋯ menu (Instructions…).</translation>
    </message>
    <message>
        <source>Local API server</source>
        <translation>Local API server</translation>
    </message>
    <message>
        <source>OpenAI-compatible API</source>
        <translation>OpenAI-compatible API</translation>
    </message>
    <message>
        <source>Serve on port</source>
        <translation>Serve on port</translation>
    </message>
    <message>
        <source>Serving the OpenAI-compatible API at %1</source>
        <translation>Serving the OpenAI-compatible API at %1</translation>
    </message>
    <message>
        <source>Off. When it is on, programs on this computer can use the loaded model at %1</source>
        <translation>Off. When it is on, programs on this computer can use the loaded model at %1</translation>
    </message>
    <message>
        <source>Only programs on this computer can connect (127.0.0.1), without a password. Requests take turns with this window&apos;s replies, one at a time.</source>
        <translation>Only programs on this computer can connect (127.0.0.1), without a password. Requests take turns with this window&apos;s replies, one at a time.</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Ctrl+= larger, Ctrl+- smaller, Ctrl+0 back to 100 %</source>
        <translation>Ctrl+= larger, Ctrl+- smaller, Ctrl+0 back to 100 %</translation>
    </message>
    <message>
        <source>Custom sampling</source>
        <translation>Custom sampling</translation>
    </message>
    <message>
        <source>Freeing space…</source>
        <translation>Freeing space…</translation>
    </message>
    <message>
        <source>A reply is being written: its state is saved when it ends. Free the space after that.</source>
        <translation>A reply is being written: its state is saved when it ends. Free the space after that.</translation>
    </message>
    <message numerus="yes">
        <source>%n older saved state(s) deleted, but the database file could not be made smaller (%1): the space inside it is used again by later saved states.</source>
        <translation>
            <numerusform>%n older saved state deleted, but the database file could not be made smaller (%1): the space inside it is used again by later saved states.</numerusform>
            <numerusform>%n older saved states deleted, but the database file could not be made smaller (%1): the space inside it is used again by later saved states.</numerusform>
        </translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>the disk is full</translation>
    </message>
    <message>
        <source>Freed %1 of unused space in the database.</source>
        <translation>Freed %1 of unused space in the database.</translation>
    </message>
    <message>
        <source>Nothing to free: each chat keeps only its newest saved state.</source>
        <translation>Nothing to free: each chat keeps only its newest saved state.</translation>
    </message>
    <message numerus="yes">
        <source>Freed %1: %n older saved state(s) deleted.</source>
        <translation>
            <numerusform>Freed %1: %n older saved state deleted.</numerusform>
            <numerusform>Freed %1: %n older saved states deleted.</numerusform>
        </translation>
    </message>
    <message>
        <source>Free space used by saved states?</source>
        <translation>Free space used by saved states?</translation>
    </message>
    <message>
        <source>Each chat keeps only its newest saved model state, on the version it opens on; its older states are deleted and the database file is made smaller. No message is deleted: a chat continued from another version reads its text again once, which takes longer.</source>
        <translation>Each chat keeps only its newest saved model state, on the version it opens on; its older states are deleted and the database file is made smaller. No message is deleted: a chat continued from another version reads its text again once, which takes longer.</translation>
    </message>
    <message>
        <source>Free space</source>
        <translation>Free space</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Saved model states: none (database %1)</source>
        <translation>Saved model states: none (database %1)</translation>
    </message>
    <message numerus="yes">
        <source>Saved model states: %1 in %n chat(s) (database %2)</source>
        <translation>
            <numerusform>Saved model states: %1 in %n chat (database %2)</numerusform>
            <numerusform>Saved model states: %1 in %n chats (database %2)</numerusform>
        </translation>
    </message>
    <message>
        <source>Free space used by saved states</source>
        <translation>Free space used by saved states</translation>
    </message>
    <message numerus="yes">
        <source>Saved model states: %1, all in %n chat(s) in the trash (database %2)</source>
        <translation>
            <numerusform>Saved model states: %1, all in %n chat in the trash (database %2)</numerusform>
            <numerusform>Saved model states: %1, all in %n chats in the trash (database %2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved model states: %1 in %n chat(s), %2 (database %3)</source>
        <comment>%2 is “%n more in the trash”</comment>
        <translation>
            <numerusform>Saved model states: %1 in %n chat, %2 (database %3)</numerusform>
            <numerusform>Saved model states: %1 in %n chats, %2 (database %3)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more in the trash</source>
        <comment>chats holding saved states</comment>
        <translation>
            <numerusform>%n more in the trash</numerusform>
            <numerusform>%n more in the trash</numerusform>
        </translation>
    </message>
    <message>
        <source>ports %1 to %2</source>
        <translation>ports %1 to %2</translation>
    </message>
    <message numerus="yes">
        <source>%n older saved state(s) deleted, but the database file could not be made smaller: it is damaged where a saved state is kept. At its next start RWKV Desktop checks the whole file and offers to recover the chats that can still be read.</source>
        <translation>
            <numerusform>%n older saved state deleted, but the database file could not be made smaller: it is damaged where a saved state is kept. At its next start RWKV Desktop checks the whole file and offers to recover the chats that can still be read.</numerusform>
            <numerusform>%n older saved states deleted, but the database file could not be made smaller: it is damaged where a saved state is kept. At its next start RWKV Desktop checks the whole file and offers to recover the chats that can still be read.</numerusform>
        </translation>
    </message>
    <message>
        <source>Settings could not be saved in %1: its disk is full. Your changes hold until RWKV Desktop quits.</source>
        <translation>Settings could not be saved in %1: its disk is full. Your changes hold until RWKV Desktop quits.</translation>
    </message>
    <message>
        <source>Settings could not be saved in %1: it cannot be written. Your changes hold until RWKV Desktop quits.</source>
        <translation>Settings could not be saved in %1: it cannot be written. Your changes hold until RWKV Desktop quits.</translation>
    </message>
</context>
<context>
    <name>StartStateLine</name>
    <message>
        <source>Starting state: %1</source>
        <translation>Starting state: %1</translation>
    </message>
    <message>
        <source>This chat starts from a state-tuning file instead of an empty state</source>
        <translation>This chat starts from a state-tuning file instead of an empty state</translation>
    </message>
    <message>
        <source>Choose another file…</source>
        <translation>Choose another file…</translation>
    </message>
    <message>
        <source>Start from an empty state</source>
        <translation>Start from an empty state</translation>
    </message>
    <message>
        <source>Add a starting state…</source>
        <translation>Add a starting state…</translation>
    </message>
    <message>
        <source>Start this new chat from a state-tuning file instead of an empty state</source>
        <translation>Start this new chat from a state-tuning file instead of an empty state</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>A reply is being written in “%1”…</source>
        <translation>A reply is being written in “%1”…</translation>
    </message>
    <message>
        <source>Memory: %1 tokens read</source>
        <translation>Memory: %1 tokens read</translation>
    </message>
    <message>
        <source>This chat&apos;s memory has read %1 tokens since it began: every message, reply and text read again. An RWKV model has no context limit to run into: its memory keeps the same size however long the chat grows, but details from far back fade. For a new topic, start a new chat, or use “New chat from here” under a reply to go on from that point in a chat of its own.</source>
        <translation>This chat&apos;s memory has read %1 tokens since it began: every message, reply and text read again. An RWKV model has no context limit to run into: its memory keeps the same size however long the chat grows, but details from far back fade. For a new topic, start a new chat, or use “New chat from here” under a reply to go on from that point in a chat of its own.</translation>
    </message>
    <message>
        <source>A reply in “%1” is waiting for a Local API request…</source>
        <translation>A reply in “%1” is waiting for a Local API request…</translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <source>The conversation database %1 is read-only, so this change was not saved. Make the file and its folder writable, then start again.</source>
        <translation>The conversation database %1 is read-only, so this change was not saved. Make the file and its folder writable, then start again.</translation>
    </message>
    <message>
        <source>The conversation database %1 was replaced or removed by another program while RWKV Desktop had it open, so this change was not saved and nothing more is written to it (writing on would damage the file now at that path). Quit and start RWKV Desktop again to use the file that is there now.</source>
        <translation>The conversation database %1 was replaced or removed by another program while RWKV Desktop had it open, so this change was not saved and nothing more is written to it (writing on would damage the file now at that path). Quit and start RWKV Desktop again to use the file that is there now.</translation>
    </message>
    <message>
        <source>The conversation database %1 is locked by another program (%2). Close the other program using it (another RWKV Desktop or rwkv-cli) and try again; nothing was changed.</source>
        <translation>The conversation database %1 is locked by another program (%2). Close the other program using it (another RWKV Desktop or rwkv-cli) and try again; nothing was changed.</translation>
    </message>
    <message>
        <source>The disk holding the conversation database %1 is full, so this change was not saved. Free some space and try again.</source>
        <translation>The disk holding the conversation database %1 is full, so this change was not saved. Free some space and try again.</translation>
    </message>
    <message>
        <source>A disk error occurred while using the conversation database %1 (%2); the last change may not have been saved. Check the disk and try again.</source>
        <translation>A disk error occurred while using the conversation database %1 (%2); the last change may not have been saved. Check the disk and try again.</translation>
    </message>
    <message>
        <source>Out of memory while using the conversation database %1. Close other programs and try again.</source>
        <translation>Out of memory while using the conversation database %1. Close other programs and try again.</translation>
    </message>
    <message>
        <source>Free some space on that disk and choose Try again, or start RWKV Desktop with --data-dir naming a folder on another disk.</source>
        <translation>Free some space on that disk and choose Try again, or start RWKV Desktop with --data-dir naming a folder on another disk.</translation>
    </message>
    <message>
        <source>The disk is full: RWKV Desktop cannot set up its conversation database.</source>
        <translation>The disk is full: RWKV Desktop cannot set up its conversation database.</translation>
    </message>
    <message>
        <source>File: %1
The disk holding it has no room for a new conversation database, so the app cannot start with it. Nothing was changed.</source>
        <translation>File: %1
The disk holding it has no room for a new conversation database, so the app cannot start with it. Nothing was changed.</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot write its conversation database.</source>
        <translation>RWKV Desktop cannot write its conversation database.</translation>
    </message>
    <message>
        <source>File: %1
A disk error occurred while setting it up (%2): the disk may be full, or a file there cannot grow. Nothing was changed.</source>
        <translation>File: %1
A disk error occurred while setting it up (%2): the disk may be full, or a file there cannot grow. Nothing was changed.</translation>
    </message>
    <message>
        <source>The conversation database %1 is a folder, not a database file: move or rename it.</source>
        <translation>The conversation database %1 is a folder, not a database file: move or rename it.</translation>
    </message>
    <message>
        <source>The conversation database %1 is not a regular file (a device, a named pipe or a socket): move or remove it.</source>
        <translation>The conversation database %1 is not a regular file (a device, a named pipe or a socket): move or remove it.</translation>
    </message>
    <message>
        <source>The conversation database %1 is %2, not a file stored on a disk: move or remove it.</source>
        <translation>The conversation database %1 is %2, not a file stored on a disk: move or remove it.</translation>
    </message>
    <message>
        <source>The conversation database %1 is a link to %2, which does not exist: remove the link, or point it at a database file.</source>
        <translation>The conversation database %1 is a link to %2, which does not exist: remove the link, or point it at a database file.</translation>
    </message>
    <message>
        <source>Cannot create the conversation database %1: its folder %2 cannot be written. Make the folder writable, or keep the database in another one.</source>
        <translation>Cannot create the conversation database %1: its folder %2 cannot be written. Make the folder writable, or keep the database in another one.</translation>
    </message>
    <message>
        <source>Cannot create the conversation database %1: its folder %2 does not exist. Create the folder, or keep the database in another one.</source>
        <translation>Cannot create the conversation database %1: its folder %2 does not exist. Create the folder, or keep the database in another one.</translation>
    </message>
    <message>
        <source>RWKV Desktop is still saving a reply to the conversation database %1, so this change was not made. Try again in a moment.</source>
        <translation>RWKV Desktop is still saving a reply to the conversation database %1, so this change was not made. Try again in a moment.</translation>
    </message>
    <message>
        <source>The conversation database %1 is damaged, so the reply could not be saved (the details say where).</source>
        <translation>The conversation database %1 is damaged, so the reply could not be saved (the details say where).</translation>
    </message>
    <message>
        <source>The conversation database %1 could not save the reply (the details say why).</source>
        <translation>The conversation database %1 could not save the reply (the details say why).</translation>
    </message>
    <message>
        <source>Recovered chat %1</source>
        <translation>Recovered chat %1</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>the disk is full</translation>
    </message>
    <message>
        <source>RWKV Desktop is freeing the space used by saved states in the conversation database %1 (Settings → Folders), so this change was not made. Try again once it has finished.</source>
        <translation>RWKV Desktop is freeing the space used by saved states in the conversation database %1 (Settings → Folders), so this change was not made. Try again once it has finished.</translation>
    </message>
    <message>
        <source>Cannot create the conversation database %1: no file can be made in its folder %2 (%3). Keep the database in another folder.</source>
        <translation>Cannot create the conversation database %1: no file can be made in its folder %2 (%3). Keep the database in another folder.</translation>
    </message>
    <message>
        <source>it does not exist</source>
        <translation>it does not exist</translation>
    </message>
    <message>
        <source>it is a file, not a folder</source>
        <translation>it is a file, not a folder</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>permission denied</translation>
    </message>
    <message>
        <source>a disk mounted read-only</source>
        <translation>a disk mounted read-only</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>the disk quota is used up</translation>
    </message>
    <message>
        <source>the system lets no file be made in it</source>
        <translation>the system lets no file be made in it</translation>
    </message>
    <message>
        <source>the disk is full: mending the file&apos;s damaged list of free pages writes it anew, which needs about %1 free on its disk; nothing was lost, and the next start tries again</source>
        <translation>the disk is full: mending the file&apos;s damaged list of free pages writes it anew, which needs about %1 free on its disk; nothing was lost, and the next start tries again</translation>
    </message>
</context>
<context>
    <name>ThinkBlock</name>
    <message>
        <source>Reasoning</source>
        <translation>Reasoning</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Thinking…</translation>
    </message>
    <message>
        <source>Hide the reasoning</source>
        <translation>Hide the reasoning</translation>
    </message>
    <message>
        <source>Show the reasoning</source>
        <translation>Show the reasoning</translation>
    </message>
    <message>
        <source>(no reasoning written)</source>
        <translation>(no reasoning written)</translation>
    </message>
</context>
<context>
    <name>TrashButton</name>
    <message>
        <source>🗑 Trash (%1)</source>
        <translation>🗑 Trash (%1)</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Trash</translation>
    </message>
    <message>
        <source>Deleted conversations are kept here for 30 days, then removed for good.</source>
        <translation>Deleted conversations are kept here for 30 days, then removed for good.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Delete forever</source>
        <translation>Delete forever</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>The trash is empty.</translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>Empty trash</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Empty trash?</source>
        <translation>Empty trash?</translation>
    </message>
    <message>
        <source>Delete the conversation in the trash for good? This cannot be undone.</source>
        <translation>Delete the conversation in the trash for good? This cannot be undone.</translation>
    </message>
    <message>
        <source>Delete all %1 conversations in the trash for good? This cannot be undone.</source>
        <translation>Delete all %1 conversations in the trash for good? This cannot be undone.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TypedText</name>
    <message>
        <source>Left out %1: direction controls turn the text around, so messages keep none.</source>
        <translation>Left out %1: direction controls turn the text around, so messages keep none.</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>“%1” moved to the trash</source>
        <translation>“%1” moved to the trash</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
</context>
<context>
    <name>UnsavedReplyDialog</name>
    <message>
        <source>A reply is not saved</source>
        <translation>A reply is not saved</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copied</translation>
    </message>
    <message>
        <source>Copy reply</source>
        <translation>Copy reply</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>Quit anyway</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Still no room: the reply is not saved yet.</source>
        <translation>Still no room: the reply is not saved yet.</translation>
    </message>
    <message>
        <source>Still in use by another program: the reply is not saved yet.</source>
        <translation>Still in use by another program: the reply is not saved yet.</translation>
    </message>
    <message>
        <source>Still cannot be written: the reply is not saved yet.</source>
        <translation>Still cannot be written: the reply is not saved yet.</translation>
    </message>
    <message>
        <source>Copy replies</source>
        <translation>Copy replies</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Test hook: with --screenshot, save the window S seconds after start (a download or a reply in progress) instead, then quit.</source>
        <translation>Test hook: with --screenshot, save the window S seconds after start (a download or a reply in progress) instead, then quit.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --if-damaged must be ask, recover or move-aside, not &apos;%1&apos;. See --help.</source>
        <translation>rwkv-desktop: --if-damaged must be ask, recover or move-aside, not &apos;%1&apos;. See --help.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --screenshot-at says when to save the window: it needs --screenshot FILE.</source>
        <translation>rwkv-desktop: --screenshot-at says when to save the window: it needs --screenshot FILE.</translation>
    </message>
    <message>
        <source>Test hook: with --startup-click, click only once FILE exists.</source>
        <translation>Test hook: with --startup-click, click only once FILE exists.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --startup-click-when says when to click: it needs --startup-click TEXT.</source>
        <translation>rwkv-desktop: --startup-click-when says when to click: it needs --startup-click TEXT.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --timeout limits the --send and --screenshot test hooks: it needs one of them.</source>
        <translation>rwkv-desktop: --timeout limits the --send and --screenshot test hooks: it needs one of them.</translation>
    </message>
    <message>
        <source>When the conversation database is damaged: ask (default), recover (rename it, never delete it, and put what can be read into a new one), or move-aside (rename it and start with an empty history).</source>
        <translation>When the conversation database is damaged: ask (default), recover (rename it, never delete it, and put what can be read into a new one), or move-aside (rename it and start with an empty history).</translation>
    </message>
    <message>
        <source>Your conversation database was damaged. It was moved to %1 (nothing was deleted) and a new, empty one was started.</source>
        <translation>Your conversation database was damaged. It was moved to %1 (nothing was deleted) and a new, empty one was started.</translation>
    </message>
    <message>
        <source>File: %1
Nothing was changed. Move or rename it yourself, then start RWKV Desktop again.

Details: %2</source>
        <translation>File: %1
Nothing was changed. Move or rename it yourself, then start RWKV Desktop again.

Details: %2</translation>
    </message>
    <message>
        <source>The damaged conversation database could not be moved.</source>
        <translation>The damaged conversation database could not be moved.</translation>
    </message>
    <message>
        <source>Move it aside and start fresh</source>
        <translation>Move it aside and start fresh</translation>
    </message>
    <message>
        <source>Recover what can be read</source>
        <translation>Recover what can be read</translation>
    </message>
    <message>
        <source>Chats whose titles could not be read are named after their first message.</source>
        <translation>Chats whose titles could not be read are named after their first message.</translation>
    </message>
    <message>
        <source>Nothing could be recovered from it: %1</source>
        <translation>Nothing could be recovered from it: %1</translation>
    </message>
    <message>
        <source>Your conversation database is damaged.</source>
        <translation>Your conversation database is damaged.</translation>
    </message>
    <message>
        <source>RWKV Desktop — chat with RWKV-7 models on your computer</source>
        <translation>RWKV Desktop — chat with RWKV-7 models on your computer</translation>
    </message>
    <message>
        <source>Folder for conversations.sqlite.</source>
        <translation>Folder for conversations.sqlite.</translation>
    </message>
    <message>
        <source>Test hook: send TEXT once the model is loaded.</source>
        <translation>Test hook: send TEXT once the model is loaded.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --select needs a conversation id (a whole number, 1 or more), not &apos;%1&apos;.</source>
        <translation>rwkv-desktop: --select needs a conversation id (a whole number, 1 or more), not &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --keys: &apos;%1&apos; is not a key (Tab, Return, Shift+Tab, ...).</source>
        <translation>rwkv-desktop: --keys: &apos;%1&apos; is not a key (Tab, Return, Shift+Tab, ...).</translation>
    </message>
    <message>
        <source>Test hook: save the window to FILE after the reply (or after loading), then quit.</source>
        <translation>Test hook: save the window to FILE after the reply (or after loading), then quit.</translation>
    </message>
    <message>
        <source>Test hook time limit in seconds (default 120).</source>
        <translation>Test hook time limit in seconds (default 120).</translation>
    </message>
    <message>
        <source>Interface language, for example zh_CN or en (default: the system language).</source>
        <translation>Interface language, for example zh_CN or en (default: the system language).</translation>
    </message>
    <message>
        <source>Model catalog (models.json) to use instead of the bundled one.</source>
        <translation>Model catalog (models.json) to use instead of the bundled one.</translation>
    </message>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV Desktop</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot create its data folder.</source>
        <translation>RWKV Desktop cannot create its data folder.</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot open its conversation database.</source>
        <translation>RWKV Desktop cannot open its conversation database.</translation>
    </message>
    <message>
        <source>File: %1
Nothing was changed. What happened and what to do:

%2</source>
        <translation>File: %1
Nothing was changed. What happened and what to do:

%2</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Test hook: open conversation ID at start (repeatable; before the model loads).</source>
        <translation>Test hook: open conversation ID at start (repeatable; before the model loads).</translation>
    </message>
    <message>
        <source>Test hook: search the conversations for TEXT at start (repeatable).</source>
        <translation>Test hook: search the conversations for TEXT at start (repeatable).</translation>
    </message>
    <message>
        <source>Import a conversation bundle (.rwkvchat) or JSON export at start (repeatable: each file in turn, each with its own outcome line).</source>
        <translation>Import a conversation bundle (.rwkvchat) or JSON export at start (repeatable: each file in turn, each with its own outcome line).</translation>
    </message>
    <message>
        <source>“%1” is a file, not a folder.</source>
        <translation>“%1” is a file, not a folder.</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be written (permission denied).</source>
        <translation>The folder “%1” cannot be written (permission denied).</translation>
    </message>
    <message>
        <source>“%1” could not be created.</source>
        <translation>“%1” could not be created.</translation>
    </message>
    <message>
        <source>The system names no folder for application data.</source>
        <translation>The system names no folder for application data.</translation>
    </message>
    <message>
        <source>%1

Nothing was changed. Start the app with --data-dir naming a folder that can be written (it is created if missing).</source>
        <translation>%1

Nothing was changed. Start the app with --data-dir naming a folder that can be written (it is created if missing).</translation>
    </message>
    <message>
        <source>%1. The demo model was loaded instead.</source>
        <translation>%1. The demo model was loaded instead.</translation>
    </message>
    <message>
        <source>The disk of the data folder %1 is almost full (%2 free; a reply needs up to %3): new messages may not be saved. Free some space, or choose a data folder on another disk in Settings → Folders (used from the next start).</source>
        <translation>The disk of the data folder %1 is almost full (%2 free; a reply needs up to %3): new messages may not be saved. Free some space, or choose a data folder on another disk in Settings → Folders (used from the next start).</translation>
    </message>
    <message>
        <source>Model file to load at start, this time only (otherwise the model chosen last, or the demo model).</source>
        <translation>Model file to load at start, this time only (otherwise the model chosen last, or the demo model).</translation>
    </message>
    <message>
        <source>Download the catalog model ID, verify it and load it (the demo model answers meanwhile).</source>
        <translation>Download the catalog model ID, verify it and load it (the demo model answers meanwhile).</translation>
    </message>
    <message>
        <source>Show a page at start: settings, about, models, or presets (the sampling presets beside Send).</source>
        <translation>Show a page at start: settings, about, models, or presets (the sampling presets beside Send).</translation>
    </message>
    <message>
        <source>rwkv-desktop: --open must be settings, about, models or presets, not &apos;%1&apos;. See --help.</source>
        <translation>rwkv-desktop: --open must be settings, about, models or presets, not &apos;%1&apos;. See --help.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --%1 must be a whole number of seconds, 1 or more, not &apos;%2&apos;. See --help.</source>
        <translation>rwkv-desktop: --%1 must be a whole number of seconds, 1 or more, not &apos;%2&apos;. See --help.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --reply-pace must be a whole number of milliseconds from 1 to 1000, not &apos;%1&apos;.</source>
        <translation>rwkv-desktop: --reply-pace must be a whole number of milliseconds from 1 to 1000, not &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>When the conversations folder chosen in Settings cannot be used: ask (default), or use-standard (the standard folder this time).</source>
        <translation>When the conversations folder chosen in Settings cannot be used: ask (default), or use-standard (the standard folder this time).</translation>
    </message>
    <message>
        <source>rwkv-desktop: --if-folder-unusable must be ask or use-standard, not &apos;%1&apos;. See --help.</source>
        <translation>rwkv-desktop: --if-folder-unusable must be ask or use-standard, not &apos;%1&apos;. See --help.</translation>
    </message>
    <message>
        <source>The conversations folder chosen in Settings cannot be used.</source>
        <translation>The conversations folder chosen in Settings cannot be used.</translation>
    </message>
    <message>
        <source>%1

Nothing was changed. You can start with the standard folder %2 this time (the conversations kept there); Settings keeps your choice, which is used again once it can be.</source>
        <translation>%1

Nothing was changed. You can start with the standard folder %2 this time (the conversations kept there); Settings keeps your choice, which is used again once it can be.</translation>
    </message>
    <message>
        <source>Use the standard folder</source>
        <translation>Use the standard folder</translation>
    </message>
    <message>
        <source>The conversations folder chosen in Settings cannot be used (%1), so the standard folder %2 is used this time.</source>
        <translation>The conversations folder chosen in Settings cannot be used (%1), so the standard folder %2 is used this time.</translation>
    </message>
    <message>
        <source>RWKV Desktop is already open with this data folder.</source>
        <translation>RWKV Desktop is already open with this data folder.</translation>
    </message>
    <message>
        <source>Another RWKV Desktop (process %1) uses %2. Switch to its window, or close it first; nothing was changed.</source>
        <translation>Another RWKV Desktop (process %1) uses %2. Switch to its window, or close it first; nothing was changed.</translation>
    </message>
    <message>
        <source>rwkv-cli is writing to this data folder.</source>
        <translation>rwkv-cli is writing to this data folder.</translation>
    </message>
    <message>
        <source>An rwkv-cli command (process %1) is writing to the conversations in %2. Wait for it to finish, or stop it, then start RWKV Desktop again; nothing was changed.</source>
        <translation>An rwkv-cli command (process %1) is writing to the conversations in %2. Wait for it to finish, or stop it, then start RWKV Desktop again; nothing was changed.</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot find its resources folder, which holds the tokenizer vocabulary that models need (%1), the model catalog (models.json) and the demo model, so no model can be loaded. Looked in: %2. Reinstall RWKV Desktop, or start it with RWKV_DESKTOP_RESOURCES set to that folder.</source>
        <translation>RWKV Desktop cannot find its resources folder, which holds the tokenizer vocabulary that models need (%1), the model catalog (models.json) and the demo model, so no model can be loaded. Looked in: %2. Reinstall RWKV Desktop, or start it with RWKV_DESKTOP_RESOURCES set to that folder.</translation>
    </message>
    <message>
        <source>Test hook: pause MS milliseconds after each piece of a streamed reply (to scroll while it streams) and of a conversation read again (as on a slow device).</source>
        <translation>Test hook: pause MS milliseconds after each piece of a streamed reply (to scroll while it streams) and of a conversation read again (as on a slow device).</translation>
    </message>
    <message>
        <source>--download: there is no model &quot;%1&quot; in the catalog. Models lists the ones to download.</source>
        <translation>--download: there is no model &quot;%1&quot; in the catalog. Models lists the ones to download.</translation>
    </message>
    <message>
        <source>Or quit and move it yourself.</source>
        <translation>Or quit and move it yourself.</translation>
    </message>
    <message>
        <source>Or quit and move it yourself (the copy kept before its last upgrade is next to it: %1).</source>
        <translation>Or quit and move it yourself (the copy kept before its last upgrade is next to it: %1).</translation>
    </message>
    <message>
        <source>File: %1

RWKV Desktop cannot read it (SQLite: %2). You can recover the chats that can still be read into a new database, or move it aside and start with an empty history: either way the file is renamed, not deleted, so it can still be repaired or sent for help later. %3</source>
        <translation>File: %1

RWKV Desktop cannot read it (SQLite: %2). You can recover the chats that can still be read into a new database, or move it aside and start with an empty history: either way the file is renamed, not deleted, so it can still be repaired or sent for help later. %3</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be written (%2).</source>
        <translation>The folder “%1” cannot be written (%2).</translation>
    </message>
    <message>
        <source>Test hook: click the button TEXT of the first start-up problem window (for example “Try again”) once it is shown.</source>
        <translation>Test hook: click the button TEXT of the first start-up problem window (for example “Try again”) once it is shown.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --set %1 was not applied: %2</source>
        <translation>rwkv-desktop: --set %1 was not applied: %2</translation>
    </message>
    <message>
        <source>Neither the conversations folder chosen in Settings nor the standard folder can be used.</source>
        <translation>Neither the conversations folder chosen in Settings nor the standard folder can be used.</translation>
    </message>
    <message>
        <source>Test hook: with --screenshot, press these keys in turn once the model is loaded (with --send: once the reply has come; comma-separated, e.g. Tab,Tab,Return), then save the window.</source>
        <translation>Test hook: with --screenshot, press these keys in turn once the model is loaded (with --send: once the reply has come; comma-separated, e.g. Tab,Tab,Return), then save the window.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --keys needs --screenshot FILE.</source>
        <translation>rwkv-desktop: --keys needs --screenshot FILE.</translation>
    </message>
    <message>
        <source>cannot be used (%1)</source>
        <translation>cannot be used (%1)</translation>
    </message>
    <message>
        <source>The folder chosen in Settings, %1, %2. %3</source>
        <translation>The folder chosen in Settings, %1, %2. %3</translation>
    </message>
    <message>
        <source>The standard folder, %1, %2. %3</source>
        <translation>The standard folder, %1, %2. %3</translation>
    </message>
    <message>
        <source>Nothing was changed. Once one of them is fixed, click Try again. From a terminal, --data-dir FOLDER starts with another folder.</source>
        <translation>Nothing was changed. Once one of them is fixed, click Try again. From a terminal, --data-dir FOLDER starts with another folder.</translation>
    </message>
    <message>
        <source>The folder “%1” does not exist, nor does %2 on its path (a drive not connected?).</source>
        <translation>The folder “%1” does not exist, nor does %2 on its path (a drive not connected?).</translation>
    </message>
    <message>
        <source>rwkv-desktop: --select needs the id of a conversation in %1, not &apos;%2&apos;: there is no conversation %2.</source>
        <translation>rwkv-desktop: --select needs the id of a conversation in %1, not &apos;%2&apos;: there is no conversation %2.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --select needs the id of a conversation in %1, not &apos;%2&apos;: conversation %2 is in the trash.</source>
        <translation>rwkv-desktop: --select needs the id of a conversation in %1, not &apos;%2&apos;: conversation %2 is in the trash.</translation>
    </message>
    <message>
        <source>--download: %1 was not downloaded: %2</source>
        <translation>--download: %1 was not downloaded: %2</translation>
    </message>
    <message>
        <source>The saved states of your chats were damaged in the conversation database and were cleared; no message was touched. Each chat reads its text again once when you continue it.</source>
        <translation>The saved states of your chats were damaged in the conversation database and were cleared; no message was touched. Each chat reads its text again once when you continue it.</translation>
    </message>
    <message>
        <source>An index of your conversation database was damaged and has been rebuilt; nothing was lost.</source>
        <translation>An index of your conversation database was damaged and has been rebuilt; nothing was lost.</translation>
    </message>
    <message>
        <source>Test hook: press KEYS (for example Tab,Return) in the first start-up problem window once it is shown, in place of a click.</source>
        <translation>Test hook: press KEYS (for example Tab,Return) in the first start-up problem window once it is shown, in place of a click.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --startup-keys takes keys such as Tab,Return, not &apos;%1&apos;.</source>
        <translation>rwkv-desktop: --startup-keys takes keys such as Tab,Return, not &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Your conversation database is read-only and an index in it is damaged, so the index cannot be rebuilt. Your chats are listed and can be read (more slowly), but nothing can be changed. Make the file and its folder writable and start again to rebuild it.</source>
        <translation>Your conversation database is read-only and an index in it is damaged, so the index cannot be rebuilt. Your chats are listed and can be read (more slowly), but nothing can be changed. Make the file and its folder writable and start again to rebuild it.</translation>
    </message>
    <message>
        <source>The disk of the data folder %1 is full (a reply needs up to %2): new messages cannot be saved. Free some space, or choose a data folder on another disk in Settings → Folders (used from the next start).</source>
        <translation>The disk of the data folder %1 is full (a reply needs up to %2): new messages cannot be saved. Free some space, or choose a data folder on another disk in Settings → Folders (used from the next start).</translation>
    </message>
    <message>
        <source>Another RWKV Desktop (process %1) uses %2: its window was brought forward.</source>
        <translation>Another RWKV Desktop (process %1) uses %2: its window was brought forward.</translation>
    </message>
    <message>
        <source>The newest changes to your conversation database could not be read: they are in %1-wal, and its folder is read-only. The chats are shown as they were before them. Copy the folder somewhere writable and choose the copy in Settings → Folders (used from the next start) to see them.</source>
        <translation>The newest changes to your conversation database could not be read: they are in %1-wal, and its folder is read-only. The chats are shown as they were before them. Copy the folder somewhere writable and choose the copy in Settings → Folders (used from the next start) to see them.</translation>
    </message>
    <message>
        <source>This is not a conversation database.</source>
        <translation>This is not a conversation database.</translation>
    </message>
    <message>
        <source>File: %1

It is not a conversation database (it is not an SQLite file), so RWKV Desktop left it as it is. You can start a new library beside it: the file keeps its content and is renamed to %2…, and a new, empty conversation database takes its place. Or quit and move it yourself, or start RWKV Desktop on another folder from a terminal: rwkv-desktop --data-dir FOLDER.</source>
        <translation>File: %1

It is not a conversation database (it is not an SQLite file), so RWKV Desktop left it as it is. You can start a new library beside it: the file keeps its content and is renamed to %2…, and a new, empty conversation database takes its place. Or quit and move it yourself, or start RWKV Desktop on another folder from a terminal: rwkv-desktop --data-dir FOLDER.</translation>
    </message>
    <message>
        <source>Start a new library beside it</source>
        <translation>Start a new library beside it</translation>
    </message>
    <message>
        <source>The file in the conversation database&apos;s place was not one (not an SQLite file). It was moved to %1 as it was, and a new, empty conversation database was started.</source>
        <translation>The file in the conversation database&apos;s place was not one (not an SQLite file). It was moved to %1 as it was, and a new, empty conversation database was started.</translation>
    </message>
    <message numerus="yes">
        <source>Damaged titles: %n chat(s) renamed %1.</source>
        <translation>
            <numerusform>Damaged titles: %n chat renamed %1.</numerusform>
            <numerusform>Damaged titles: %n chats renamed %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the quoted titles of a list of chats</comment>
        <translation>, </translation>
    </message>
    <message numerus="yes">
        <source>Your conversation database was damaged. What could be read was recovered into a new one: %n chat(s) back (%1)%2.</source>
        <translation>
            <numerusform>Your conversation database was damaged. What could be read was recovered into a new one: %n chat back (%1)%2.</numerusform>
            <numerusform>Your conversation database was damaged. What could be read was recovered into a new one: %n chats back (%1)%2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chat(s) could not be read.</source>
        <translation>
            <numerusform>%n chat could not be read.</numerusform>
            <numerusform>%n chats could not be read.</numerusform>
        </translation>
    </message>
    <message>
        <source>The damaged file was moved to %1 (nothing was deleted).</source>
        <translation>The damaged file was moved to %1 (nothing was deleted).</translation>
    </message>
    <message>
        <source>, by title only, empty: the messages could not be read (%1)</source>
        <translation>, by title only, empty: the messages could not be read (%1)</translation>
    </message>
    <message numerus="yes">
        <source>, %n of them by title only, empty: the messages could not be read (%1)</source>
        <translation>
            <numerusform>, %n of them by title only, empty: the messages could not be read (%1)</numerusform>
            <numerusform>, %n of them by title only, empty: the messages could not be read (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Others may have been lost too: parts of the file could not be read, so how many is not known.</source>
        <translation>Others may have been lost too: parts of the file could not be read, so how many is not known.</translation>
    </message>
    <message>
        <source>Some chats may have been lost: parts of the file could not be read, so how many is not known.</source>
        <translation>Some chats may have been lost: parts of the file could not be read, so how many is not known.</translation>
    </message>
    <message>
        <source>Test hook: try to save a reply not saved yet (a full disk, a locked database) every MS milliseconds instead of every 5 seconds.</source>
        <translation>Test hook: try to save a reply not saved yet (a full disk, a locked database) every MS milliseconds instead of every 5 seconds.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --save-retry-ms must be a whole number of milliseconds from 100 to 60000, not &apos;%1&apos;.</source>
        <translation>rwkv-desktop: --save-retry-ms must be a whole number of milliseconds from 100 to 60000, not &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Serve the local OpenAI-compatible API at http://127.0.0.1:PORT/v1, this time only (otherwise as Settings → Local API server says).</source>
        <translation>Serve the local OpenAI-compatible API at http://127.0.0.1:PORT/v1, this time only (otherwise as Settings → Local API server says).</translation>
    </message>
    <message>
        <source>Change a setting at run time, as the Settings page does (repeatable): backend, weightType, threads, samplingPreset, dataDir, language, theme, textSize, apiServer, apiPort, and the Custom preset&apos;s customTemperature, customTopP, customPresencePenalty, customFrequencyPenalty, customPenaltyDecay, customMaxTokens.</source>
        <translation>Change a setting at run time, as the Settings page does (repeatable): backend, weightType, threads, samplingPreset, dataDir, language, theme, textSize, apiServer, apiPort, and the Custom preset&apos;s customTemperature, customTopP, customPresencePenalty, customFrequencyPenalty, customPenaltyDecay, customMaxTokens.</translation>
    </message>
    <message>
        <source>rwkv-desktop: --api-port must be a port number from %1 to 65535, not &apos;%2&apos;.</source>
        <translation>rwkv-desktop: --api-port must be a port number from %1 to 65535, not &apos;%2&apos;.</translation>
    </message>
</context>
<context>
    <name>rwkv::app</name>
    <message>
        <source>is a file, not a folder</source>
        <translation>is a file, not a folder</translation>
    </message>
    <message>
        <source>Move or rename that file; the folder is then created.</source>
        <translation>Move or rename that file; the folder is then created.</translation>
    </message>
    <message>
        <source>cannot be created: “%1” on its path is a file, not a folder</source>
        <translation>cannot be created: “%1” on its path is a file, not a folder</translation>
    </message>
    <message>
        <source>a disk mounted read-only</source>
        <translation>a disk mounted read-only</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>permission denied</translation>
    </message>
    <message>
        <source>does not exist and cannot be made: the folder above it, “%1”, cannot be written (%2)</source>
        <translation>does not exist and cannot be made: the folder above it, “%1”, cannot be written (%2)</translation>
    </message>
    <message>
        <source>Mount that disk writable.</source>
        <translation>Mount that disk writable.</translation>
    </message>
    <message>
        <source>Make that folder writable for you, or create this one in it yourself.</source>
        <translation>Make that folder writable for you, or create this one in it yourself.</translation>
    </message>
    <message>
        <source>If it is on a drive, connect the drive; else create the missing folders.</source>
        <translation>If it is on a drive, connect the drive; else create the missing folders.</translation>
    </message>
    <message>
        <source>could not be created</source>
        <translation>could not be created</translation>
    </message>
    <message>
        <source>Check the disk it is on.</source>
        <translation>Check the disk it is on.</translation>
    </message>
    <message>
        <source>holds a folder named %1 where its database file should be</source>
        <translation>holds a folder named %1 where its database file should be</translation>
    </message>
    <message>
        <source>Move or rename that folder.</source>
        <translation>Move or rename that folder.</translation>
    </message>
    <message>
        <source>holds %1, a link to %2, which does not exist</source>
        <translation>holds %1, a link to %2, which does not exist</translation>
    </message>
    <message>
        <source>Remove the link, or connect the drive it points to.</source>
        <translation>Remove the link, or connect the drive it points to.</translation>
    </message>
    <message>
        <source>cannot be written (%1) and holds no conversation database yet</source>
        <translation>cannot be written (%1) and holds no conversation database yet</translation>
    </message>
    <message>
        <source>Make the folder writable for you.</source>
        <translation>Make the folder writable for you.</translation>
    </message>
    <message>
        <source>cannot be reached: the folder %1 on its path cannot be entered (permission denied)</source>
        <translation>cannot be reached: the folder %1 on its path cannot be entered (permission denied)</translation>
    </message>
    <message>
        <source>Ask the owner of that folder (or an administrator) to let you enter it, or choose another folder.</source>
        <translation>Ask the owner of that folder (or an administrator) to let you enter it, or choose another folder.</translation>
    </message>
    <message>
        <source>does not exist, nor does %1 on its path, and “%2” cannot be written (%3)</source>
        <translation>does not exist, nor does %1 on its path, and “%2” cannot be written (%3)</translation>
    </message>
    <message>
        <source>cannot be opened (permission denied)</source>
        <translation>cannot be opened (permission denied)</translation>
    </message>
    <message>
        <source>does not exist, nor does %1 on its path (a drive not connected?)</source>
        <translation>does not exist, nor does %1 on its path (a drive not connected?)</translation>
    </message>
    <message>
        <source>the saved state is damaged: its checksum does not match</source>
        <translation>the saved state is damaged: its checksum does not match</translation>
    </message>
    <message>
        <source>the saved state is damaged: it is cut short</source>
        <translation>the saved state is damaged: it is cut short</translation>
    </message>
    <message>
        <source>the saved state is in a format this version does not read</source>
        <translation>the saved state is in a format this version does not read</translation>
    </message>
    <message>
        <source>the saved state is damaged</source>
        <translation>the saved state is damaged</translation>
    </message>
    <message>
        <source>the saved state is damaged: the database is damaged where it is kept</source>
        <translation>the saved state is damaged: the database is damaged where it is kept</translation>
    </message>
    <message>
        <source>the saved state could not be read</source>
        <translation>the saved state could not be read</translation>
    </message>
    <message>
        <source>The state-tuning file %1 cannot be read: %2.</source>
        <translation>The state-tuning file %1 cannot be read: %2.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a state-tuning file.</source>
        <translation>%1 is a folder, not a state-tuning file.</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ApiServer</name>
    <message>
        <source>The local API server is not serving: port %1 (--api-port) is in use by another program. Start again with another port.</source>
        <translation>The local API server is not serving: port %1 (--api-port) is in use by another program. Start again with another port.</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 is in use by another program. Choose another port in Settings.</source>
        <translation>The local API server is not serving: port %1 is in use by another program. Choose another port in Settings.</translation>
    </message>
    <message>
        <source>The local API server is not serving on port %1: %2</source>
        <translation>The local API server is not serving on port %1: %2</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 (--api-port) is below %2, where the system&apos;s services listen. Start again with a port from %2 to 65535.</source>
        <translation>The local API server is not serving: port %1 (--api-port) is below %2, where the system&apos;s services listen. Start again with a port from %2 to 65535.</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 is below %2, where the system&apos;s services listen. Choose a port from %2 to 65535 in Settings.</source>
        <translation>The local API server is not serving: port %1 is below %2, where the system&apos;s services listen. Choose a port from %2 to 65535 in Settings.</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 (--api-port) is refused by the system, as a security policy may keep it from programs like this one. Start again with another port.</source>
        <translation>The local API server is not serving: port %1 (--api-port) is refused by the system, as a security policy may keep it from programs like this one. Start again with another port.</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 is refused by the system, as a security policy may keep it from programs like this one. Choose another port in Settings.</source>
        <translation>The local API server is not serving: port %1 is refused by the system, as a security policy may keep it from programs like this one. Choose another port in Settings.</translation>
    </message>
</context>
<context>
    <name>rwkv::app::AppSettings</name>
    <message>
        <source>read-only file system</source>
        <translation>read-only file system</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>permission denied</translation>
    </message>
</context>
<context>
    <name>rwkv::app::BundleImportController</name>
    <message>
        <source>size unknown</source>
        <translation>size unknown</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>Cannot read “%1”: %2</translation>
    </message>
    <message>
        <source>“%1” was not imported: %2</source>
        <translation>“%1” was not imported: %2</translation>
    </message>
    <message>
        <source>Imported “%1” (1 message).</source>
        <translation>Imported “%1” (1 message).</translation>
    </message>
    <message>
        <source>Imported “%1” (%2 messages).</source>
        <translation>Imported “%1” (%2 messages).</translation>
    </message>
    <message>
        <source>It was made with %1, which is in your models folder: load it to continue where it left off.</source>
        <translation>It was made with %1, which is in your models folder: load it to continue where it left off.</translation>
    </message>
    <message>
        <source>It was made with %1, which is not here and not in the model catalog.</source>
        <translation>It was made with %1, which is not here and not in the model catalog.</translation>
    </message>
    <message>
        <source>Downloading %1 — see Models for progress; it loads when it is verified.</source>
        <translation>Downloading %1 — see Models for progress; it loads when it is verified.</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1 (copy)</translation>
    </message>
    <message>
        <source>“%1” is a model file (%2), not a conversation: nothing was imported. Open models with the model button (top right) or on the Models page.</source>
        <translation>“%1” is a model file (%2), not a conversation: nothing was imported. Open models with the model button (top right) or on the Models page.</translation>
    </message>
    <message>
        <source>“%1” is neither a conversation bundle (.rwkvchat) nor a JSON export: nothing was imported.</source>
        <translation>“%1” is neither a conversation bundle (.rwkvchat) nor a JSON export: nothing was imported.</translation>
    </message>
    <message>
        <source>Nothing was exported: that conversation is no longer in your library.</source>
        <translation>Nothing was exported: that conversation is no longer in your library.</translation>
    </message>
    <message>
        <source>Nothing was exported: “%1” is a conversation database, which an export never replaces. Choose another name.</source>
        <translation>Nothing was exported: “%1” is a conversation database, which an export never replaces. Choose another name.</translation>
    </message>
    <message>
        <source>“%1” was not exported: %2</source>
        <translation>“%1” was not exported: %2</translation>
    </message>
    <message>
        <source>Saved “%1” as Markdown: %2</source>
        <translation>Saved “%1” as Markdown: %2</translation>
    </message>
    <message>
        <source>Saved “%1” as a JSON export: %2</source>
        <translation>Saved “%1” as a JSON export: %2</translation>
    </message>
    <message>
        <source>Saved “%1” as a conversation bundle, to continue it elsewhere with Import…: %2</source>
        <translation>Saved “%1” as a conversation bundle, to continue it elsewhere with Import…: %2</translation>
    </message>
    <message>
        <source>Could not write “%1”: %2. Nothing was written.</source>
        <translation>Could not write “%1”: %2. Nothing was written.</translation>
    </message>
    <message>
        <source>the disk is full or the file cannot grow (%1 needed, %2 free)</source>
        <translation>the disk is full or the file cannot grow (%1 needed, %2 free)</translation>
    </message>
    <message>
        <source>Could not write “%1”: there is no folder “%2”. Nothing was written.</source>
        <translation>Could not write “%1”: there is no folder “%2”. Nothing was written.</translation>
    </message>
    <message>
        <source>Importing “%1”…</source>
        <translation>Importing “%1”…</translation>
    </message>
    <message>
        <source>“%1” is already in your library (this file was exported from it or imported before): opened it.</source>
        <translation>“%1” is already in your library (this file was exported from it or imported before): opened it.</translation>
    </message>
    <message>
        <source>Its title was cut to its first %1 characters.</source>
        <translation>Its title was cut to its first %1 characters.</translation>
    </message>
    <message>
        <source>Could not write “%1”: the name is too long (%2 bytes of UTF-8, where a file name may have at most %3). Choose a shorter name. Nothing was written.</source>
        <translation>Could not write “%1”: the name is too long (%2 bytes of UTF-8, where a file name may have at most %3). Choose a shorter name. Nothing was written.</translation>
    </message>
    <message>
        <source>Next: %1.</source>
        <translation>Next: %1.</translation>
    </message>
    <message>
        <source>It was made with %1, which is not on this computer: Models downloads it.</source>
        <translation>It was made with %1, which is not on this computer: Models downloads it.</translation>
    </message>
    <message>
        <source>It was made with %1, the demo model that comes with the app: choose Use on its row in Models → On this computer to continue where it left off.</source>
        <translation>It was made with %1, the demo model that comes with the app: choose Use on its row in Models → On this computer to continue where it left off.</translation>
    </message>
    <message>
        <source>“%1” is already in your library (this file was exported from it or imported before).</source>
        <translation>“%1” is already in your library (this file was exported from it or imported before).</translation>
    </message>
    <message>
        <source>Its saved state was damaged and was left out: the chat reads its text again the first time you continue it.</source>
        <translation>Its saved state was damaged and was left out: the chat reads its text again the first time you continue it.</translation>
    </message>
    <message>
        <source>Its saved state is in a form this version cannot read (perhaps made by a newer RWKV Desktop) and was left out: the chat reads its text again the first time you continue it.</source>
        <translation>Its saved state is in a form this version cannot read (perhaps made by a newer RWKV Desktop) and was left out: the chat reads its text again the first time you continue it.</translation>
    </message>
    <message>
        <source>It had no saved state: this file&apos;s was added.</source>
        <translation>It had no saved state: this file&apos;s was added.</translation>
    </message>
    <message>
        <source>This file&apos;s saved state is in a form this version cannot read (perhaps made by a newer RWKV Desktop); the chat in your library is unchanged.</source>
        <translation>This file&apos;s saved state is in a form this version cannot read (perhaps made by a newer RWKV Desktop); the chat in your library is unchanged.</translation>
    </message>
    <message>
        <source>This file&apos;s saved state is damaged; the chat in your library is unchanged.</source>
        <translation>This file&apos;s saved state is damaged; the chat in your library is unchanged.</translation>
    </message>
    <message>
        <source>“%1” is neither a conversation bundle (.rwkvchat) nor a JSON export: it is %2. Nothing was imported.</source>
        <translation>“%1” is neither a conversation bundle (.rwkvchat) nor a JSON export: it is %2. Nothing was imported.</translation>
    </message>
    <message>
        <source>Its starting state %1 was damaged and was left out: choose that state-tuning file again (⋯ → Starting state…) when the chat asks for it.</source>
        <translation>Its starting state %1 was damaged and was left out: choose that state-tuning file again (⋯ → Starting state…) when the chat asks for it.</translation>
    </message>
    <message>
        <source>Its starting state %1 could not be read: this file&apos;s was added.</source>
        <translation>Its starting state %1 could not be read: this file&apos;s was added.</translation>
    </message>
    <message>
        <source>It is in a new folder, “%1”.</source>
        <translation>It is in a new folder, “%1”.</translation>
    </message>
    <message>
        <source>It is in the folder “%1”.</source>
        <translation>It is in the folder “%1”.</translation>
    </message>
    <message>
        <source>Its folder “%1” could not be made here, so it is in no folder: %2</source>
        <translation>Its folder “%1” could not be made here, so it is in no folder: %2</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ChatController</name>
    <message>
        <source>New chat</source>
        <translation>New chat</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>Loading %1…</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>No model loaded</translation>
    </message>
    <message>
        <source>Load a model before sending a message.</source>
        <translation>Load a model before sending a message.</translation>
    </message>
    <message>
        <source>The model is still loading. Please wait a moment.</source>
        <translation>The model is still loading. Please wait a moment.</translation>
    </message>
    <message>
        <source>A reply is still being written. Wait for it or press Stop.</source>
        <translation>A reply is still being written. Wait for it or press Stop.</translation>
    </message>
    <message>
        <source>The message is empty. Type something before sending.</source>
        <translation>The message is empty. Type something before sending.</translation>
    </message>
    <message>
        <source>Could not create the conversation: %1</source>
        <translation>Could not create the conversation: %1</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>Thinking…</translation>
    </message>
    <message>
        <source>That conversation no longer exists.</source>
        <translation>That conversation no longer exists.</translation>
    </message>
    <message>
        <source>A conversation needs a title.</source>
        <translation>A conversation needs a title.</translation>
    </message>
    <message>
        <source>Could not rename the conversation: %1</source>
        <translation>Could not rename the conversation: %1</translation>
    </message>
    <message>
        <source>Could not delete the conversation: %1</source>
        <translation>Could not delete the conversation: %1</translation>
    </message>
    <message>
        <source>Stop the reply before changing the model.</source>
        <translation>Stop the reply before changing the model.</translation>
    </message>
    <message>
        <source>A model is already loading. Please wait a moment.</source>
        <translation>A model is already loading. Please wait a moment.</translation>
    </message>
    <message>
        <source>The model file “%1” does not exist.</source>
        <translation>The model file “%1” does not exist.</translation>
    </message>
    <message>
        <source>Could not read the conversations: %1</source>
        <translation>Could not read the conversations: %1</translation>
    </message>
    <message>
        <source>Could not read the messages: %1</source>
        <translation>Could not read the messages: %1</translation>
    </message>
    <message>
        <source>Could not load “%1”: %2. Still using %3.</source>
        <translation>Could not load “%1”: %2. Still using %3.</translation>
    </message>
    <message>
        <source>Could not load “%1”: %2</source>
        <translation>Could not load “%1”: %2</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Writing…</translation>
    </message>
    <message>
        <source>The reply failed: %1</source>
        <translation>The reply failed: %1</translation>
    </message>
    <message>
        <source>Stopped before the reply began</source>
        <translation>Stopped before the reply began</translation>
    </message>
    <message>
        <source>%1 tokens at %2 tok/s</source>
        <translation>%1 tokens at %2 tok/s</translation>
    </message>
    <message>
        <source>new conversation, read %1 tokens</source>
        <translation>new conversation, read %1 tokens</translation>
    </message>
    <message>
        <source>resumed from saved state, read %1 new tokens</source>
        <translation>resumed from saved state, read %1 new tokens</translation>
    </message>
    <message>
        <source>re-read %1 tokens (%2)</source>
        <translation>re-read %1 tokens (%2)</translation>
    </message>
    <message>
        <source>also read the %1 unanswered questions above</source>
        <translation>also read the %1 unanswered questions above</translation>
    </message>
    <message>
        <source>also read the unanswered question above</source>
        <translation>also read the unanswered question above</translation>
    </message>
    <message>
        <source>Stopped · %1</source>
        <translation>Stopped · %1</translation>
    </message>
    <message>
        <source>too little disk space: the state was not saved, the next reply re-reads the conversation</source>
        <translation>too little disk space: the state was not saved, the next reply re-reads the conversation</translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) of this and other chats dropped to make room for the text, and this reply&apos;s state was not saved either; a chat without one re-reads its text when continued</source>
        <translation>
            <numerusform>too little disk space: %n saved state of this and other chats dropped to make room for the text, and this reply&apos;s state was not saved either; a chat without one re-reads its text when continued</numerusform>
            <numerusform>too little disk space: %n saved states of this and other chats dropped to make room for the text, and this reply&apos;s state was not saved either; a chat without one re-reads its text when continued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) of this and other chats dropped to make room for the text; a chat without one re-reads its text when continued</source>
        <translation>
            <numerusform>too little disk space: %n saved state of this and other chats dropped to make room for the text; a chat without one re-reads its text when continued</numerusform>
            <numerusform>too little disk space: %n saved states of this and other chats dropped to make room for the text; a chat without one re-reads its text when continued</numerusform>
        </translation>
    </message>
    <message>
        <source>too little disk space: state not saved</source>
        <translation>too little disk space: state not saved</translation>
    </message>
    <message>
        <source>database damaged: state not saved</source>
        <translation>database damaged: state not saved</translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) dropped</source>
        <translation>
            <numerusform>too little disk space: %n saved state dropped</numerusform>
            <numerusform>too little disk space: %n saved states dropped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) dropped, this reply&apos;s not saved</source>
        <translation>
            <numerusform>too little disk space: %n saved state dropped, this reply&apos;s not saved</numerusform>
            <numerusform>too little disk space: %n saved states dropped, this reply&apos;s not saved</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is a folder, not a model file.</source>
        <translation>“%1” is a folder, not a model file.</translation>
    </message>
    <message>
        <source>The model file “%1” is a link that points to itself (too many levels of symbolic links), so it names no file. Point it at the model file, or choose the file itself.</source>
        <translation>The model file “%1” is a link that points to itself (too many levels of symbolic links), so it names no file. Point it at the model file, or choose the file itself.</translation>
    </message>
    <message>
        <source>byte tokenizer</source>
        <translation>byte tokenizer</translation>
    </message>
    <message>
        <source>World tokenizer</source>
        <translation>World tokenizer</translation>
    </message>
    <message>
        <source>%1 tokenizer</source>
        <translation>%1 tokenizer</translation>
    </message>
    <message>
        <source>Writing another reply…</source>
        <translation>Writing another reply…</translation>
    </message>
    <message>
        <source>Wait for the reply (or press Stop) before switching branches.</source>
        <translation>Wait for the reply (or press Stop) before switching branches.</translation>
    </message>
    <message>
        <source>The conversation library is read-only, so new messages cannot be saved. Make %1 and its folder writable, then restart RWKV Desktop.</source>
        <translation>The conversation library is read-only, so new messages cannot be saved. Make %1 and its folder writable, then restart RWKV Desktop.</translation>
    </message>
    <message>
        <source>The conversation library opened read-only because %1 cannot be written now (%2), so new messages cannot be saved. Free some space on its disk, then restart RWKV Desktop.</source>
        <translation>The conversation library opened read-only because %1 cannot be written now (%2), so new messages cannot be saved. Free some space on its disk, then restart RWKV Desktop.</translation>
    </message>
    <message>
        <source>Your message will be sent as soon as %1 has loaded.</source>
        <translation>Your message will be sent as soon as %1 has loaded.</translation>
    </message>
    <message>
        <source>Your message was not sent: it is still in the message box.</source>
        <translation>Your message was not sent: it is still in the message box.</translation>
    </message>
    <message>
        <source>There is no sampling preset named “%1”.</source>
        <translation>There is no sampling preset named “%1”.</translation>
    </message>
    <message>
        <source>Could not change the sampling preset: %1</source>
        <translation>Could not change the sampling preset: %1</translation>
    </message>
    <message>
        <source>Your message was not sent: it is back in the message box.</source>
        <translation>Your message was not sent: it is back in the message box.</translation>
    </message>
    <message>
        <source>Reading the conversation… %1 / %2 tokens</source>
        <translation>Reading the conversation… %1 / %2 tokens</translation>
    </message>
    <message>
        <source>Reading the prompt… %1%</source>
        <translation>Reading the prompt… %1%</translation>
    </message>
    <message>
        <source>Chat “%1” is damaged: %2 of its messages could not be read as they were saved and are shown as well as they can be (one whose kind is unreadable as yours). You can still read, continue, export or delete this chat.</source>
        <translation>Chat “%1” is damaged: %2 of its messages could not be read as they were saved and are shown as well as they can be (one whose kind is unreadable as yours). You can still read, continue, export or delete this chat.</translation>
    </message>
    <message>
        <source>There is room again: the reply is saved.</source>
        <translation>There is room again: the reply is saved.</translation>
    </message>
    <message>
        <source>This reply is not saved yet: the disk holding the conversation database %1 is full.</source>
        <translation>This reply is not saved yet: the disk holding the conversation database %1 is full.</translation>
    </message>
    <message>
        <source>It stays on screen and is saved by itself as soon as there is room (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if you cannot free space.</source>
        <translation>It stays on screen and is saved by itself as soon as there is room (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if you cannot free space.</translation>
    </message>
    <message>
        <source>Chat “%1” is damaged: the order of its messages loops (a message is saved as a reply to one of its own replies), so it is shown from where the loop closes, each message once. Nothing was changed or deleted. You can still read, continue, export or delete this chat.</source>
        <translation>Chat “%1” is damaged: the order of its messages loops (a message is saved as a reply to one of its own replies), so it is shown from where the loop closes, each message once. Nothing was changed or deleted. You can still read, continue, export or delete this chat.</translation>
    </message>
    <message>
        <source>Chat “%1” is damaged: a message is saved as a reply to a message that does not exist, so it is shown as a first message; the chat&apos;s other first messages are its other versions (‹ ›). Nothing was changed or deleted. You can still read, continue, export or delete this chat.</source>
        <translation>Chat “%1” is damaged: a message is saved as a reply to a message that does not exist, so it is shown as a first message; the chat&apos;s other first messages are its other versions (‹ ›). Nothing was changed or deleted. You can still read, continue, export or delete this chat.</translation>
    </message>
    <message>
        <source>The other program let go of the conversation database: the reply is saved.</source>
        <translation>The other program let go of the conversation database: the reply is saved.</translation>
    </message>
    <message>
        <source>This reply is not saved yet: another program is using the conversation database %1.</source>
        <translation>This reply is not saved yet: another program is using the conversation database %1.</translation>
    </message>
    <message>
        <source>It stays on screen and is saved by itself as soon as that program lets go of the database (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if you cannot close that program.</source>
        <translation>It stays on screen and is saved by itself as soon as that program lets go of the database (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if you cannot close that program.</translation>
    </message>
    <message>
        <source>The model file cannot be loaded: %1.</source>
        <translation>The model file cannot be loaded: %1.</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the new chat was not started.</source>
        <translation>Another program is using the conversation database %1, so the new chat was not started.</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the chat was not renamed: it keeps the name “%2”. Try again once that program lets go of the database.</source>
        <translation>Another program is using the conversation database %1, so the chat was not renamed: it keeps the name “%2”. Try again once that program lets go of the database.</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the chat “%2” was not moved to the trash: it is kept as it was. Try again once that program lets go of the database.</source>
        <translation>Another program is using the conversation database %1, so the chat “%2” was not moved to the trash: it is kept as it was. Try again once that program lets go of the database.</translation>
    </message>
    <message>
        <source>Saving the reply before closing…</source>
        <translation>Saving the reply before closing…</translation>
    </message>
    <message>
        <source>The model file “%1” does not exist any more, so the changed settings were not applied: %2 stays in use as it was loaded. They apply when you choose a model.</source>
        <translation>The model file “%1” does not exist any more, so the changed settings were not applied: %2 stays in use as it was loaded. They apply when you choose a model.</translation>
    </message>
    <message>
        <source>The model file “%1” does not exist. Still using %2.</source>
        <translation>The model file “%1” does not exist. Still using %2.</translation>
    </message>
    <message>
        <source>Could not load “%1” again with the changed settings: %2. It stays in use as it was loaded.</source>
        <translation>Could not load “%1” again with the changed settings: %2. It stays in use as it was loaded.</translation>
    </message>
    <message>
        <source>The model file “%1” cannot be opened by its name: the name, or a folder&apos;s on its path, has bytes that are not UTF-8 text (shown as �). Rename it to open it here.</source>
        <translation>The model file “%1” cannot be opened by its name: the name, or a folder&apos;s on its path, has bytes that are not UTF-8 text (shown as �). Rename it to open it here.</translation>
    </message>
    <message>
        <source>Still using %1.</source>
        <translation>Still using %1.</translation>
    </message>
    <message numerus="yes">
        <source>about %n s left</source>
        <translation>
            <numerusform>about %n s left</numerusform>
            <numerusform>about %n s left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation>
            <numerusform>about %n min left</numerusform>
            <numerusform>about %n min left</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 tok/s</translation>
    </message>
    <message>
        <source>Your message and the reply were saved, but the reply&apos;s state could not be written: the conversation database %1 is damaged. Nothing was lost: the next reply re-reads this conversation from its text. RWKV Desktop checks the file when it starts again: damaged saved states are cleared then, and a file it cannot read is named, with the offer to move it aside and start fresh.</source>
        <translation>Your message and the reply were saved, but the reply&apos;s state could not be written: the conversation database %1 is damaged. Nothing was lost: the next reply re-reads this conversation from its text. RWKV Desktop checks the file when it starts again: damaged saved states are cleared then, and a file it cannot read is named, with the offer to move it aside and start fresh.</translation>
    </message>
    <message>
        <source>database damaged: the state was not saved, the next reply re-reads the conversation</source>
        <translation>database damaged: the state was not saved, the next reply re-reads the conversation</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Send once it has ended, or stop it there; your message stays in the box.</source>
        <translation>A reply is being written in “%1”. Send once it has ended, or stop it there; your message stays in the box.</translation>
    </message>
    <message>
        <source>Stop the reply before deleting “%1”.</source>
        <translation>Stop the reply before deleting “%1”.</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Stop it there before deleting that conversation.</source>
        <translation>A reply is being written in “%1”. Stop it there before deleting that conversation.</translation>
    </message>
    <message>
        <source>Your message could not be saved: %1</source>
        <translation>Your message could not be saved: %1</translation>
    </message>
    <message>
        <source>This chat was deleted by another program; your message is back in the box.</source>
        <translation>This chat was deleted by another program; your message is back in the box.</translation>
    </message>
    <message>
        <source>The reply in “%1” could not be saved: that conversation was deleted by another program.</source>
        <translation>The reply in “%1” could not be saved: that conversation was deleted by another program.</translation>
    </message>
    <message>
        <source>The reply in “%1” failed: %2</source>
        <translation>The reply in “%1” failed: %2</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>The reply in “%1” is not saved yet: another program is using the conversation database %2.</source>
        <translation>The reply in “%1” is not saved yet: another program is using the conversation database %2.</translation>
    </message>
    <message>
        <source>The reply in “%1” is not saved yet: the disk holding the conversation database %2 is full.</source>
        <translation>The reply in “%1” is not saved yet: the disk holding the conversation database %2 is full.</translation>
    </message>
    <message>
        <source>The other program let go of the conversation database: the reply in “%1” is saved.</source>
        <translation>The other program let go of the conversation database: the reply in “%1” is saved.</translation>
    </message>
    <message>
        <source>There is room again: the reply in “%1” is saved.</source>
        <translation>There is room again: the reply in “%1” is saved.</translation>
    </message>
    <message>
        <source>This reply is not saved yet: the conversation database %1 could not be written.</source>
        <translation>This reply is not saved yet: the conversation database %1 could not be written.</translation>
    </message>
    <message>
        <source>The reply in “%1” is not saved yet: the conversation database %2 could not be written.</source>
        <translation>The reply in “%1” is not saved yet: the conversation database %2 could not be written.</translation>
    </message>
    <message>
        <source>It stays on screen and is saved by itself as soon as the file can be written again (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if the disk or the file stays unwritable.</source>
        <translation>It stays on screen and is saved by itself as soon as the file can be written again (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if the disk or the file stays unwritable.</translation>
    </message>
    <message>
        <source>The reply in “%1” is saved.</source>
        <translation>The reply in “%1” is saved.</translation>
    </message>
    <message>
        <source>The reply is saved.</source>
        <translation>The reply is saved.</translation>
    </message>
    <message>
        <source>another reply to the first question, read %1 tokens</source>
        <translation>another reply to the first question, read %1 tokens</translation>
    </message>
    <message>
        <source>first question edited, read %1 tokens</source>
        <translation>first question edited, read %1 tokens</translation>
    </message>
    <message>
        <source>Stop the reply before changing the instructions of “%1”.</source>
        <translation>Stop the reply before changing the instructions of “%1”.</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Stop it there before changing its instructions.</source>
        <translation>A reply is being written in “%1”. Stop it there before changing its instructions.</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the instructions of “%2” were not changed. Try again once that program lets go of the database.</source>
        <translation>Another program is using the conversation database %1, so the instructions of “%2” were not changed. Try again once that program lets go of the database.</translation>
    </message>
    <message>
        <source>Could not change the instructions: %1</source>
        <translation>Could not change the instructions: %1</translation>
    </message>
    <message>
        <source>Instructions hold at most %L1 characters; these have %L2. They were not changed.</source>
        <translation>Instructions hold at most %L1 characters; these have %L2. They were not changed.</translation>
    </message>
    <message>
        <source>Stop the reply before changing the starting state of “%1”.</source>
        <translation>Stop the reply before changing the starting state of “%1”.</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Stop it there before changing its starting state.</source>
        <translation>A reply is being written in “%1”. Stop it there before changing its starting state.</translation>
    </message>
    <message>
        <source>%1 cannot be a starting state: %2</source>
        <translation>%1 cannot be a starting state: %2</translation>
    </message>
    <message>
        <source>Could not change the starting state: %1</source>
        <translation>Could not change the starting state: %1</translation>
    </message>
    <message>
        <source>read from the start, %1 tokens</source>
        <translation>read from the start, %1 tokens</translation>
    </message>
    <message>
        <source>From here: %1</source>
        <translation>From here: %1</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so no new chat was made. Try again once that program lets go of the database.</source>
        <translation>Another program is using the conversation database %1, so no new chat was made. Try again once that program lets go of the database.</translation>
    </message>
    <message>
        <source>Could not make a new chat from here: %1</source>
        <translation>Could not make a new chat from here: %1</translation>
    </message>
    <message>
        <source>%1, from the starting state %2</source>
        <translation>%1, from the starting state %2</translation>
    </message>
    <message>
        <source>RWKV Desktop is freeing the space used by saved states (Settings → Folders); try again once it has finished.</source>
        <translation>RWKV Desktop is freeing the space used by saved states (Settings → Folders); try again once it has finished.</translation>
    </message>
    <message>
        <source>Continuing the reply…</source>
        <translation>Continuing the reply…</translation>
    </message>
    <message>
        <source>the first reply continued, read %1 tokens</source>
        <translation>the first reply continued, read %1 tokens</translation>
    </message>
    <message>
        <source>Writing %1 replies…</source>
        <translation>Writing %1 replies…</translation>
    </message>
    <message>
        <source>Waiting for a Local API request to finish…</source>
        <translation>Waiting for a Local API request to finish…</translation>
    </message>
    <message>
        <source>A reply in “%1” is waiting for a Local API request. Send once it has ended, or stop it there; your message stays in the box.</source>
        <translation>A reply in “%1” is waiting for a Local API request. Send once it has ended, or stop it there; your message stays in the box.</translation>
    </message>
    <message numerus="yes">
        <source>about %n h left</source>
        <translation>
            <numerusform>about %n h left</numerusform>
            <numerusform>about %n h left</numerusform>
        </translation>
    </message>
    <message>
        <source>Reply %1 of %2 is not saved yet: the conversation database %3 could not be written.</source>
        <translation>Reply %1 of %2 is not saved yet: the conversation database %3 could not be written.</translation>
    </message>
    <message>
        <source>Replies %1 of %2 are not saved yet: the conversation database %3 could not be written.</source>
        <translation>Replies %1 of %2 are not saved yet: the conversation database %3 could not be written.</translation>
    </message>
    <message>
        <source>They stay on screen and are saved by themselves as soon as the file can be written again (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if the disk or the file stays unwritable.</source>
        <translation>They stay on screen and are saved by themselves as soon as the file can be written again (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if the disk or the file stays unwritable.</translation>
    </message>
    <message>
        <source>Reply %1 of %2 is not saved yet: another program is using the conversation database %3.</source>
        <translation>Reply %1 of %2 is not saved yet: another program is using the conversation database %3.</translation>
    </message>
    <message>
        <source>Replies %1 of %2 are not saved yet: another program is using the conversation database %3.</source>
        <translation>Replies %1 of %2 are not saved yet: another program is using the conversation database %3.</translation>
    </message>
    <message>
        <source>They stay on screen and are saved by themselves as soon as that program lets go of the database (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if you cannot close that program.</source>
        <translation>They stay on screen and are saved by themselves as soon as that program lets go of the database (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if you cannot close that program.</translation>
    </message>
    <message>
        <source>Reply %1 of %2 is not saved yet: the disk holding the conversation database %3 is full.</source>
        <translation>Reply %1 of %2 is not saved yet: the disk holding the conversation database %3 is full.</translation>
    </message>
    <message>
        <source>Replies %1 of %2 are not saved yet: the disk holding the conversation database %3 is full.</source>
        <translation>Replies %1 of %2 are not saved yet: the disk holding the conversation database %3 is full.</translation>
    </message>
    <message>
        <source>They stay on screen and are saved by themselves as soon as there is room (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if you cannot free space.</source>
        <translation>They stay on screen and are saved by themselves as soon as there is room (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if you cannot free space.</translation>
    </message>
    <message>
        <source>The reply could not be saved: the conversation database %1 is damaged. Your message was saved, but of the reply only the start saved while it was written is kept, marked Unfinished: copy the reply on screen if you need it. When RWKV Desktop starts again it checks the whole file: it mends what it can without losing anything, or else offers to recover the chats that can still be read.</source>
        <translation>The reply could not be saved: the conversation database %1 is damaged. Your message was saved, but of the reply only the start saved while it was written is kept, marked Unfinished: copy the reply on screen if you need it. When RWKV Desktop starts again it checks the whole file: it mends what it can without losing anything, or else offers to recover the chats that can still be read.</translation>
    </message>
    <message>
        <source>Reply %1 of %2:</source>
        <translation>Reply %1 of %2:</translation>
    </message>
    <message>
        <source>If you quit now, it is lost.</source>
        <translation>If you quit now, it is lost.</translation>
    </message>
    <message>
        <source>If you quit now, %1 of its %2 characters are lost, and the database keeps the first %3, saved before, as an unfinished reply.</source>
        <translation>If you quit now, %1 of its %2 characters are lost, and the database keeps the first %3, saved before, as an unfinished reply.</translation>
    </message>
    <message>
        <source>If you quit now, %1 of the %2 characters of its %3 versions are lost, and the database keeps the other %4, each version&apos;s first ones saved before, as unfinished versions.</source>
        <translation>If you quit now, %1 of the %2 characters of its %3 versions are lost, and the database keeps the other %4, each version&apos;s first ones saved before, as unfinished versions.</translation>
    </message>
    <message>
        <source>The conversation database %1 could not be written, so the last reply is not saved. %2 Check the disk and the file, then click Try again, or copy the reply to keep it elsewhere.</source>
        <translation>The conversation database %1 could not be written, so the last reply is not saved. %2 Check the disk and the file, then click Try again, or copy the reply to keep it elsewhere.</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the last reply is not saved. %2 Close that program and click Try again, or copy the reply to keep it elsewhere.</source>
        <translation>Another program is using the conversation database %1, so the last reply is not saved. %2 Close that program and click Try again, or copy the reply to keep it elsewhere.</translation>
    </message>
    <message>
        <source>The disk holding the conversation database %1 is full, so the last reply is not saved. %2 Free some space and click Try again, or copy the reply to keep it elsewhere.</source>
        <translation>The disk holding the conversation database %1 is full, so the last reply is not saved. %2 Free some space and click Try again, or copy the reply to keep it elsewhere.</translation>
    </message>
    <message>
        <source>Instructions hold at most %L1 characters, an emoji, a flag or some accented letters counting as 2 or more; these have %L2 counted so (%L3 as you read them). They were not changed.</source>
        <translation>Instructions hold at most %L1 characters, an emoji, a flag or some accented letters counting as 2 or more; these have %L2 counted so (%L3 as you read them). They were not changed.</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ChatSession</name>
    <message>
        <source>the cut-off reply is read again as text</source>
        <translation>the cut-off reply is read again as text</translation>
    </message>
    <message>
        <source>no saved state</source>
        <translation>no saved state</translation>
    </message>
    <message>
        <source>saved state belongs to another model</source>
        <translation>saved state belongs to another model</translation>
    </message>
    <message>
        <source>saved state was made with %1 %2, this run uses %3 %4</source>
        <translation>saved state was made with %1 %2, this run uses %3 %4</translation>
    </message>
    <message>
        <source>The message is empty. Type something before sending.</source>
        <translation>The message is empty. Type something before sending.</translation>
    </message>
    <message>
        <source>The reply length must be at least one token.</source>
        <translation>The reply length must be at least one token.</translation>
    </message>
    <message>
        <source>Conversation %1 does not exist.</source>
        <translation>Conversation %1 does not exist.</translation>
    </message>
    <message>
        <source>Message %1 is not in conversation %2.</source>
        <translation>Message %1 is not in conversation %2.</translation>
    </message>
    <message>
        <source>Message %1 is a question; a new message can only follow a reply.</source>
        <translation>Message %1 is a question; a new message can only follow a reply.</translation>
    </message>
    <message>
        <source>Only a reply to a question can be generated again.</source>
        <translation>Only a reply to a question can be generated again.</translation>
    </message>
    <message>
        <source>Message %1 is not a question in conversation %2.</source>
        <translation>Message %1 is not a question in conversation %2.</translation>
    </message>
    <message>
        <source>re-reading 1 message</source>
        <translation>re-reading 1 message</translation>
    </message>
    <message>
        <source>re-reading %1 messages</source>
        <translation>re-reading %1 messages</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>the saved state was damaged; nothing was lost</source>
        <translation>the saved state was damaged; nothing was lost</translation>
    </message>
    <message>
        <source>the database&apos;s list of saved states is damaged</source>
        <translation>the database&apos;s list of saved states is damaged</translation>
    </message>
    <message>
        <source>also read the unanswered question before this one (its reading had been cut off)</source>
        <translation>also read the unanswered question before this one (its reading had been cut off)</translation>
    </message>
    <message>
        <source>also read the %1 unanswered questions before this one (their reading had been cut off)</source>
        <translation>also read the %1 unanswered questions before this one (their reading had been cut off)</translation>
    </message>
    <message>
        <source>the instructions changed</source>
        <translation>the instructions changed</translation>
    </message>
    <message>
        <source>the starting state changed</source>
        <translation>the starting state changed</translation>
    </message>
    <message>
        <source>This chat starts from the state-tuning file %1, which cannot be read now (%2 is gone or unreadable): put it back, or choose another starting state.</source>
        <translation>This chat starts from the state-tuning file %1, which cannot be read now (%2 is gone or unreadable): put it back, or choose another starting state.</translation>
    </message>
    <message>
        <source>This chat starts from the state-tuning file %1, which is there but damaged now: %2 Put a good copy back at %3, or choose another starting state. Details: %4</source>
        <translation>This chat starts from the state-tuning file %1, which is there but damaged now: %2 Put a good copy back at %3, or choose another starting state. Details: %4</translation>
    </message>
    <message>
        <source>This chat starts from the state-tuning file %1, which has changed since it was chosen (sha256 %2…, now %3…): choose it again to start from it as it is now.</source>
        <translation>This chat starts from the state-tuning file %1, which has changed since it was chosen (sha256 %2…, now %3…): choose it again to start from it as it is now.</translation>
    </message>
    <message>
        <source>Message %1 is not a reply; only a reply can be continued.</source>
        <translation>Message %1 is not a reply; only a reply can be continued.</translation>
    </message>
    <message>
        <source>Reply %1 has no text to continue; regenerate it instead.</source>
        <translation>Reply %1 has no text to continue; regenerate it instead.</translation>
    </message>
    <message>
        <source>Reply %1 ended by itself; only a reply cut off (by the length limit, Stop, closing the app, or a crash) can be continued.</source>
        <translation>Reply %1 ended by itself; only a reply cut off (by the length limit, Stop, closing the app, or a crash) can be continued.</translation>
    </message>
    <message>
        <source>Only a reply to a question can be continued.</source>
        <translation>Only a reply to a question can be continued.</translation>
    </message>
    <message>
        <source>From 1 to %1 replies can be written at once.</source>
        <translation>From 1 to %1 replies can be written at once.</translation>
    </message>
</context>
<context>
    <name>rwkv::app::DeviceListModel</name>
    <message>
        <source>discrete GPU</source>
        <translation>discrete GPU</translation>
    </message>
    <message>
        <source>integrated GPU</source>
        <translation>integrated GPU</translation>
    </message>
    <message>
        <source>virtual GPU</source>
        <translation>virtual GPU</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatic</translation>
    </message>
    <message>
        <source>%1 hardware threads</source>
        <translation>%1 hardware threads</translation>
    </message>
    <message>
        <source>Unavailable: %1</source>
        <translation>Unavailable: %1</translation>
    </message>
    <message>
        <source>%1 memory</source>
        <translation>%1 memory</translation>
    </message>
    <message>
        <source>compute capability %1.%2</source>
        <translation>compute capability %1.%2</translation>
    </message>
    <message>
        <source>Unavailable: this build of RWKV Desktop has no %1 backend</source>
        <translation>Unavailable: this build of RWKV Desktop has no %1 backend</translation>
    </message>
    <message>
        <source>The first CUDA GPU if the model fits there, else a discrete Vulkan GPU that fits, otherwise the CPU</source>
        <translation>The first CUDA GPU if the model fits there, else a discrete Vulkan GPU that fits, otherwise the CPU</translation>
    </message>
    <message>
        <source>Unavailable: no NVIDIA GPU driver found. Use the CPU or Vulkan.</source>
        <translation>Unavailable: no NVIDIA GPU driver found. Use the CPU or Vulkan.</translation>
    </message>
    <message>
        <source>Unavailable: the NVIDIA GPU driver is older than this build needs. Update it, or use the CPU or Vulkan.</source>
        <translation>Unavailable: the NVIDIA GPU driver is older than this build needs. Update it, or use the CPU or Vulkan.</translation>
    </message>
    <message>
        <source>Unavailable: no NVIDIA GPU found. Use the CPU or Vulkan.</source>
        <translation>Unavailable: no NVIDIA GPU found. Use the CPU or Vulkan.</translation>
    </message>
    <message>
        <source>software renderer on the CPU: much slower than the CPU row above</source>
        <translation>software renderer on the CPU: much slower than the CPU row above</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ForeignFile</name>
    <message>
        <source>a Git LFS pointer</source>
        <translation>a Git LFS pointer</translation>
    </message>
    <message>
        <source>a web page (HTML)</source>
        <translation>a web page (HTML)</translation>
    </message>
    <message>
        <source>an XML document</source>
        <translation>an XML document</translation>
    </message>
    <message>
        <source>JSON text</source>
        <translation>JSON text</translation>
    </message>
    <message>
        <source>a PNG picture</source>
        <translation>a PNG picture</translation>
    </message>
    <message>
        <source>a JPEG picture</source>
        <translation>a JPEG picture</translation>
    </message>
    <message>
        <source>a GIF picture</source>
        <translation>a GIF picture</translation>
    </message>
    <message>
        <source>a WebP picture</source>
        <translation>a WebP picture</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>a PDF document</translation>
    </message>
    <message>
        <source>a gzip-compressed file: unpack it first (gunzip)</source>
        <translation>a gzip-compressed file: unpack it first (gunzip)</translation>
    </message>
    <message>
        <source>an xz-compressed file: unpack it first (unxz)</source>
        <translation>an xz-compressed file: unpack it first (unxz)</translation>
    </message>
    <message>
        <source>a zstd-compressed file: unpack it first (unzstd)</source>
        <translation>a zstd-compressed file: unpack it first (unzstd)</translation>
    </message>
    <message>
        <source>a bzip2-compressed file: unpack it first (bunzip2)</source>
        <translation>a bzip2-compressed file: unpack it first (bunzip2)</translation>
    </message>
    <message>
        <source>a 7-Zip archive: unpack it first</source>
        <translation>a 7-Zip archive: unpack it first</translation>
    </message>
    <message>
        <source>a RAR archive: unpack it first</source>
        <translation>a RAR archive: unpack it first</translation>
    </message>
    <message>
        <source>a tar archive: unpack it first (tar -xf)</source>
        <translation>a tar archive: unpack it first (tar -xf)</translation>
    </message>
    <message>
        <source>a program or library (ELF)</source>
        <translation>a program or library (ELF)</translation>
    </message>
    <message>
        <source>a NumPy array (.npy)</source>
        <translation>a NumPy array (.npy)</translation>
    </message>
    <message>
        <source>an HDF5 file (.h5)</source>
        <translation>an HDF5 file (.h5)</translation>
    </message>
    <message>
        <source>a llama.cpp file in a format older than GGUF</source>
        <translation>a llama.cpp file in a format older than GGUF</translation>
    </message>
    <message>
        <source>a Python pickle</source>
        <translation>a Python pickle</translation>
    </message>
    <message>
        <source>a conversation state saved by RWKV Desktop</source>
        <translation>a conversation state saved by RWKV Desktop</translation>
    </message>
    <message>
        <source>an RWKV Desktop conversation bundle</source>
        <translation>an RWKV Desktop conversation bundle</translation>
    </message>
    <message>
        <source>a text file</source>
        <translation>a text file</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ImportError</name>
    <message>
        <source>the bundle is truncated or has extra bytes (%1 bytes, its header says %2)</source>
        <translation>the bundle is truncated or has extra bytes (%1 bytes, its header says %2)</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number</source>
        <translation>%1: &quot;%2&quot; is not a number</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a whole number</source>
        <translation>%1: &quot;%2&quot; is not a whole number</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is out of range</source>
        <translation>%1: &quot;%2&quot; is out of range</translation>
    </message>
    <message>
        <source>the JSON is damaged (%1)</source>
        <translation>the JSON is damaged (%1)</translation>
    </message>
    <message>
        <source>this is not an RWKV Desktop conversation</source>
        <translation>this is not an RWKV Desktop conversation</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>the file</translation>
    </message>
    <message>
        <source>the conversation</source>
        <translation>the conversation</translation>
    </message>
    <message>
        <source>the format version is missing</source>
        <translation>the format version is missing</translation>
    </message>
    <message>
        <source>it was written by a newer RWKV Desktop (format version %1)</source>
        <translation>it was written by a newer RWKV Desktop (format version %1)</translation>
    </message>
    <message>
        <source>the conversation is missing from the file</source>
        <translation>the conversation is missing from the file</translation>
    </message>
    <message>
        <source>the think mode %1 is unknown</source>
        <translation>the think mode %1 is unknown</translation>
    </message>
    <message>
        <source>the message list is missing</source>
        <translation>the message list is missing</translation>
    </message>
    <message>
        <source>&quot;messages&quot; is not a list</source>
        <translation>&quot;messages&quot; is not a list</translation>
    </message>
    <message>
        <source>message %1</source>
        <translation>message %1</translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation>%1 is not an object</translation>
    </message>
    <message>
        <source>%1 has a missing or repeated id</source>
        <translation>%1 has a missing or repeated id</translation>
    </message>
    <message>
        <source>%1 names a parent that does not come before it</source>
        <translation>%1 names a parent that does not come before it</translation>
    </message>
    <message>
        <source>%1 has the unknown role &quot;%2&quot;</source>
        <translation>%1 has the unknown role &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1 is a question whose parent, message %2, is a question too (a question follows a reply)</source>
        <translation>%1 is a question whose parent, message %2, is a question too (a question follows a reply)</translation>
    </message>
    <message>
        <source>%1 has no text</source>
        <translation>%1 has no text</translation>
    </message>
    <message>
        <source>this is a model file (%1), not a conversation (open models with the model button or on the Models page)</source>
        <translation>this is a model file (%1), not a conversation (open models with the model button or on the Models page)</translation>
    </message>
    <message>
        <source>this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export</source>
        <translation>this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export</translation>
    </message>
    <message>
        <source>the bundle is truncated (%1 bytes)</source>
        <translation>the bundle is truncated (%1 bytes)</translation>
    </message>
    <message>
        <source>this is not a conversation bundle</source>
        <translation>this is not a conversation bundle</translation>
    </message>
    <message>
        <source>the bundle was written by a newer RWKV Desktop (bundle version %1)</source>
        <translation>the bundle was written by a newer RWKV Desktop (bundle version %1)</translation>
    </message>
    <message>
        <source>the bundle version %1 is unknown</source>
        <translation>the bundle version %1 is unknown</translation>
    </message>
    <message>
        <source>the bundle&apos;s checksum does not match (the file is damaged)</source>
        <translation>the bundle&apos;s checksum does not match (the file is damaged)</translation>
    </message>
    <message>
        <source>the bundle has state bytes but no description of them</source>
        <translation>the bundle has state bytes but no description of them</translation>
    </message>
    <message>
        <source>the bundle&apos;s state description is incomplete</source>
        <translation>the bundle&apos;s state description is incomplete</translation>
    </message>
    <message>
        <source>the snapshot names message %1, which is not in the conversation</source>
        <translation>the snapshot names message %1, which is not in the conversation</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>the file is empty</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is negative (it counts tokens)</source>
        <translation>%1: &quot;%2&quot; is negative (it counts tokens)</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not text</source>
        <translation>%1: &quot;%2&quot; is not text</translation>
    </message>
    <message>
        <source>the conversation holds no messages</source>
        <translation>the conversation holds no messages</translation>
    </message>
    <message>
        <source>the file is %1 (%2 bytes), larger than any conversation bundle can be (at most %3 bytes); it was not read</source>
        <translation>the file is %1 (%2 bytes), larger than any conversation bundle can be (at most %3 bytes); it was not read</translation>
    </message>
    <message>
        <source>the file is %1 (%2 bytes), larger than any JSON export can be (at most %3 bytes); it was not read</source>
        <translation>the file is %1 (%2 bytes), larger than any JSON export can be (at most %3 bytes); it was not read</translation>
    </message>
    <message>
        <source>%1 is a link that leads back to itself (too many levels of symbolic links)</source>
        <translation>%1 is a link that leads back to itself (too many levels of symbolic links)</translation>
    </message>
    <message>
        <source>%1 is a link to %2, which does not exist</source>
        <translation>%1 is a link to %2, which does not exist</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 does not exist</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file</source>
        <translation>%1 is a folder, not a file</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a named pipe, a device or a socket)</source>
        <translation>%1 is not a regular file (a named pipe, a device or a socket)</translation>
    </message>
    <message>
        <source>a number (%1)</source>
        <translation>a number (%1)</translation>
    </message>
    <message>
        <source>true or false (%1)</source>
        <translation>true or false (%1)</translation>
    </message>
    <message>
        <source>a list (%1)</source>
        <translation>a list (%1)</translation>
    </message>
    <message>
        <source>an object (%1)</source>
        <translation>an object (%1)</translation>
    </message>
    <message>
        <source>text (%1)</source>
        <translation>text (%1)</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is %3, not &quot;user&quot;, &quot;assistant&quot; or &quot;system&quot;</source>
        <translation>%1: &quot;%2&quot; is %3, not &quot;user&quot;, &quot;assistant&quot; or &quot;system&quot;</translation>
    </message>
    <message>
        <source>%1 has no role</source>
        <translation>%1 has no role</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is %3, not text</source>
        <translation>%1: &quot;%2&quot; is %3, not text</translation>
    </message>
    <message>
        <source>message %1 (id %2)</source>
        <translation>message %1 (id %2)</translation>
    </message>
    <message>
        <source>this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export: it is %1</source>
        <translation>this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export: it is %1</translation>
    </message>
    <message>
        <source>the conversation&apos;s starting state is not named in full (a file name and a sha256)</source>
        <translation>the conversation&apos;s starting state is not named in full (a file name and a sha256)</translation>
    </message>
    <message>
        <source>its starting state could not be kept as %1 (%2)</source>
        <translation>its starting state could not be kept as %1 (%2)</translation>
    </message>
    <message>
        <source>%1 is a system message after message %2: only a chat&apos;s first message can be one (it becomes the chat&apos;s instructions)</source>
        <translation>%1 is a system message after message %2: only a chat&apos;s first message can be one (it becomes the chat&apos;s instructions)</translation>
    </message>
    <message>
        <source>%1 is a system message, and the conversation has other instructions already (&quot;system_prompt&quot;): a chat keeps one set</source>
        <translation>%1 is a system message, and the conversation has other instructions already (&quot;system_prompt&quot;): a chat keeps one set</translation>
    </message>
    <message>
        <source>%1 is a second system message, with other text: a chat keeps one set of instructions</source>
        <translation>%1 is a second system message, with other text: a chat keeps one set of instructions</translation>
    </message>
    <message>
        <source>the bundle is damaged or truncated: its header says its JSON part is %1 bytes, more than the whole file (%2 bytes)</source>
        <translation>the bundle is damaged or truncated: its header says its JSON part is %1 bytes, more than the whole file (%2 bytes)</translation>
    </message>
    <message>
        <source>the bundle is damaged or truncated: its header says its state part is %1 bytes, more than the whole file (%2 bytes)</source>
        <translation>the bundle is damaged or truncated: its header says its state part is %1 bytes, more than the whole file (%2 bytes)</translation>
    </message>
    <message>
        <source>%1 is %2, not a file stored on a disk</source>
        <translation>%1 is %2, not a file stored on a disk</translation>
    </message>
</context>
<context>
    <name>rwkv::app::InferenceWorker</name>
    <message>
        <source>No model file was chosen.</source>
        <translation>No model file was chosen.</translation>
    </message>
    <message>
        <source>No model is loaded. Choose a model file first.</source>
        <translation>No model is loaded. Choose a model file first.</translation>
    </message>
    <message>
        <source>The tokenizer vocabulary it needs (%1) is kept in RWKV Desktop&apos;s resources folder, which was not found.</source>
        <translation>The tokenizer vocabulary it needs (%1) is kept in RWKV Desktop&apos;s resources folder, which was not found.</translation>
    </message>
    <message>
        <source>%1 could not be used; using the CPU. %2</source>
        <translation>%1 could not be used; using the CPU. %2</translation>
    </message>
    <message>
        <source>%1 has too little free memory for this model, so it runs on the CPU (slower).</source>
        <translation>%1 has too little free memory for this model, so it runs on the CPU (slower).</translation>
    </message>
    <message>
        <source>With int8 weights (Settings → Weights in memory) it would fit on the GPU.</source>
        <translation>With int8 weights (Settings → Weights in memory) it would fit on the GPU.</translation>
    </message>
</context>
<context>
    <name>rwkv::app::LibraryController</name>
    <message>
        <source>Search failed: %1</source>
        <translation>Search failed: %1</translation>
    </message>
    <message>
        <source>Could not pin the conversation: %1</source>
        <translation>Could not pin the conversation: %1</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Untitled</translation>
    </message>
    <message>
        <source>Could not read the trash: %1</source>
        <translation>Could not read the trash: %1</translation>
    </message>
    <message>
        <source>Could not restore the conversation: %1</source>
        <translation>Could not restore the conversation: %1</translation>
    </message>
    <message>
        <source>Could not delete the conversation: %1</source>
        <translation>Could not delete the conversation: %1</translation>
    </message>
    <message>
        <source>A folder needs a name.</source>
        <translation>A folder needs a name.</translation>
    </message>
    <message>
        <source>A folder name has at most %1 characters.</source>
        <translation>A folder name has at most %1 characters.</translation>
    </message>
    <message>
        <source>A folder name is one line, without control or text-direction characters.</source>
        <translation>A folder name is one line, without control or text-direction characters.</translation>
    </message>
    <message>
        <source>There is already a folder named “%1”.</source>
        <translation>There is already a folder named “%1”.</translation>
    </message>
    <message>
        <source>Could not make the folder: %1</source>
        <translation>Could not make the folder: %1</translation>
    </message>
    <message>
        <source>Could not rename the folder: %1</source>
        <translation>Could not rename the folder: %1</translation>
    </message>
    <message>
        <source>Could not delete the folder: %1</source>
        <translation>Could not delete the folder: %1</translation>
    </message>
    <message>
        <source>Could not move the conversation: %1</source>
        <translation>Could not move the conversation: %1</translation>
    </message>
    <message>
        <source>Could not free the space of the saved states: %1</source>
        <translation>Could not free the space of the saved states: %1</translation>
    </message>
    <message>
        <source>Delete the folder “%1”? It holds no chats.</source>
        <translation>Delete the folder “%1”? It holds no chats.</translation>
    </message>
    <message numerus="yes">
        <source>Delete the folder “%1”? Its %n chat(s) will stay, listed outside any folder.</source>
        <translation>
            <numerusform>Delete the folder “%1”? Its %n chat will stay, listed outside any folder.</numerusform>
            <numerusform>Delete the folder “%1”? Its %n chats will stay, listed outside any folder.</numerusform>
        </translation>
    </message>
    <message>
        <source>A folder name cannot hold half a character (shown as �): the file is damaged there.</source>
        <translation>A folder name cannot hold half a character (shown as �): the file is damaged there.</translation>
    </message>
</context>
<context>
    <name>rwkv::app::TurnReadouts</name>
    <message>
        <source>%1 s to first token</source>
        <translation>%1 s to first token</translation>
    </message>
    <message>
        <source>&lt; %1 s to first token</source>
        <comment>under 0.01 s: the time rounds to 0.00</comment>
        <translation>&lt; %1 s to first token</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 tok/s</translation>
    </message>
    <message>
        <source>1 token</source>
        <translation>1 token</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 tokens</translation>
    </message>
    <message>
        <source>Read %1 prompt tokens at %2 tok/s; wrote %3 tokens at %4 tok/s</source>
        <translation>Read %1 prompt tokens at %2 tok/s; wrote %3 tokens at %4 tok/s</translation>
    </message>
    <message>
        <source>1 more token</source>
        <comment>a continued reply: written after the cut text</comment>
        <translation>1 more token</translation>
    </message>
    <message>
        <source>%1 more tokens</source>
        <comment>a continued reply: written after the cut text</comment>
        <translation>%1 more tokens</translation>
    </message>
    <message>
        <source>Read %1 tokens (the prompt and the cut reply) at %2 tok/s; wrote %3 more tokens at %4 tok/s</source>
        <translation>Read %1 tokens (the prompt and the cut reply) at %2 tok/s; wrote %3 more tokens at %4 tok/s</translation>
    </message>
</context>
<context>
    <name>rwkv::gui::DialogRows</name>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 is a file, not a folder.</translation>
    </message>
    <message>
        <source>%1 does not exist. Type the path of a folder that exists (a new folder is made in a file manager).</source>
        <translation>%1 does not exist. Type the path of a folder that exists (a new folder is made in a file manager).</translation>
    </message>
</context>
<context>
    <name>rwkv::models</name>
    <message>
        <source>the network proxy failed (%1); check the system proxy settings</source>
        <translation>the network proxy failed (%1); check the system proxy settings</translation>
    </message>
    <message>
        <source>no secure connection to %1 (%2)</source>
        <translation>no secure connection to %1 (%2)</translation>
    </message>
    <message>
        <source>%1 did not answer in time</source>
        <translation>%1 did not answer in time</translation>
    </message>
    <message>
        <source>%1 closed the connection</source>
        <translation>%1 closed the connection</translation>
    </message>
    <message>
        <source>%1 refused the connection</source>
        <translation>%1 refused the connection</translation>
    </message>
    <message>
        <source>no network connection (%1)</source>
        <translation>no network connection (%1)</translation>
    </message>
    <message>
        <source>no network or no DNS: cannot find %1</source>
        <translation>no network or no DNS: cannot find %1</translation>
    </message>
    <message>
        <source>No models folder is set.</source>
        <translation>No models folder is set.</translation>
    </message>
    <message>
        <source>The models folder %1 does not exist.</source>
        <translation>The models folder %1 does not exist.</translation>
    </message>
    <message>
        <source>The models folder %1 is not a folder.</source>
        <translation>The models folder %1 is not a folder.</translation>
    </message>
    <message>
        <source>The models folder %1 is not writable (%2).</source>
        <translation>The models folder %1 is not writable (%2).</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is missing or empty</source>
        <translation>field &quot;%1&quot; is missing or empty</translation>
    </message>
    <message>
        <source>file &quot;%1&quot; is not a bare file name</source>
        <translation>file &quot;%1&quot; is not a bare file name</translation>
    </message>
    <message>
        <source>sha256 is not 64 hex digits</source>
        <translation>sha256 is not 64 hex digits</translation>
    </message>
    <message>
        <source>size must be a positive number or null</source>
        <translation>size must be a positive number or null</translation>
    </message>
    <message>
        <source>no http(s) URL for source &quot;%1&quot;</source>
        <translation>no http(s) URL for source &quot;%1&quot;</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not text: %2</source>
        <translation>field &quot;%1&quot; is not text: %2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not a number: %2</source>
        <translation>field &quot;%1&quot; is not a number: %2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is too large: %2</source>
        <translation>field &quot;%1&quot; is too large: %2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not an object of sources and their URLs: %2</source>
        <translation>field &quot;%1&quot; is not an object of sources and their URLs: %2</translation>
    </message>
</context>
<context>
    <name>rwkv::models::CatalogListModel</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation>%1 h %2 min left</translation>
    </message>
    <message>
        <source>%1 min %2 s left</source>
        <translation>%1 min %2 s left</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>%1 s left</translation>
    </message>
    <message>
        <source>%1 layers × %2</source>
        <translation>%1 layers × %2</translation>
    </message>
    <message>
        <source>Fits your GPU</source>
        <translation>Fits your GPU</translation>
    </message>
    <message>
        <source>Fits your RAM (CPU)</source>
        <translation>Fits your RAM (CPU)</translation>
    </message>
    <message>
        <source>Too large for this computer</source>
        <translation>Too large for this computer</translation>
    </message>
    <message>
        <source>Memory need unknown</source>
        <translation>Memory need unknown</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Incomplete: %1 of %2 in the models folder (a copy or download cut short). Download again replaces it.</source>
        <translation>Incomplete: %1 of %2 in the models folder (a copy or download cut short). Download again replaces it.</translation>
    </message>
    <message>
        <source>A different file: %1 in the models folder, the catalog&apos;s is %2. Download again replaces it.</source>
        <translation>A different file: %1 in the models folder, the catalog&apos;s is %2. Download again replaces it.</translation>
    </message>
    <message>
        <source>Incomplete: %1 of %2 in the models folder (a copy or download cut short); the whole file is in %3.</source>
        <translation>Incomplete: %1 of %2 in the models folder (a copy or download cut short); the whole file is in %3.</translation>
    </message>
    <message>
        <source>A different file: %1 in the models folder, the catalog&apos;s is %2; the catalog&apos;s file is in %3.</source>
        <translation>A different file: %1 in the models folder, the catalog&apos;s is %2; the catalog&apos;s file is in %3.</translation>
    </message>
    <message>
        <source>Incomplete: %1 of %2 in the models folder (a copy or download cut short). The models folder cannot be written, so Download again puts the whole file in %3 and leaves this one.</source>
        <translation>Incomplete: %1 of %2 in the models folder (a copy or download cut short). The models folder cannot be written, so Download again puts the whole file in %3 and leaves this one.</translation>
    </message>
    <message>
        <source>A different file: %1 in the models folder, the catalog&apos;s is %2. The models folder cannot be written, so Download again puts the catalog&apos;s file in %3 and leaves this one.</source>
        <translation>A different file: %1 in the models folder, the catalog&apos;s is %2. The models folder cannot be written, so Download again puts the catalog&apos;s file in %3 and leaves this one.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>Fits your GPU with int8 weights</source>
        <translation>Fits your GPU with int8 weights</translation>
    </message>
    <message>
        <source>Fits your RAM (CPU) with int8 weights</source>
        <translation>Fits your RAM (CPU) with int8 weights</translation>
    </message>
    <message>
        <source>%1, loads as about %2</source>
        <translation>%1, loads as about %2</translation>
    </message>
    <message>
        <source>Too large as fp16; fits your GPU with int8 weights (Settings → Weights in memory)</source>
        <translation>Too large as fp16; fits your GPU with int8 weights (Settings → Weights in memory)</translation>
    </message>
    <message>
        <source>Too large as fp16; fits your RAM (CPU) with int8 weights (Settings → Weights in memory)</source>
        <translation>Too large as fp16; fits your RAM (CPU) with int8 weights (Settings → Weights in memory)</translation>
    </message>
    <message>
        <source>download size not in the catalog; loads as about %1</source>
        <translation>download size not in the catalog; loads as about %1</translation>
    </message>
    <message>
        <source>size not in the catalog</source>
        <translation>size not in the catalog</translation>
    </message>
</context>
<context>
    <name>rwkv::models::DownloadManager</name>
    <message>
        <source>A download needs an id.</source>
        <translation>A download needs an id.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid model file name.</source>
        <translation>&quot;%1&quot; is not a valid model file name.</translation>
    </message>
    <message>
        <source>%1 has no download address for %2.</source>
        <translation>%1 has no download address for %2.</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 is already in the models folder.</translation>
    </message>
    <message>
        <source>%1 is already downloading.</source>
        <translation>%1 is already downloading.</translation>
    </message>
    <message>
        <source>The download did not start: no answer within %1 s (another program may be holding the database, or the models folder does not respond). Try again.</source>
        <translation>The download did not start: no answer within %1 s (another program may be holding the database, or the models folder does not respond). Try again.</translation>
    </message>
    <message>
        <source>%1 cannot be downloaded: its file name is %2 bytes long, and the files a download writes beside it (its name with “.part.json.XXXXXX” after it) would pass the 255 bytes a file name can have. The longest name that downloads is %3 bytes.</source>
        <translation>%1 cannot be downloaded: its file name is %2 bytes long, and the files a download writes beside it (its name with “.part.json.XXXXXX” after it) would pass the 255 bytes a file name can have. The longest name that downloads is %3 bytes.</translation>
    </message>
    <message>
        <source>The list of unfinished model downloads in the conversation database was damaged and has been made again, empty: downloads paused or cut short before this start are no longer listed.</source>
        <translation>The list of unfinished model downloads in the conversation database was damaged and has been made again, empty: downloads paused or cut short before this start are no longer listed.</translation>
    </message>
    <message>
        <source>The list of unfinished model downloads in the conversation database cannot be read (%1): downloads paused or cut short before this start are not listed.</source>
        <translation>The list of unfinished model downloads in the conversation database cannot be read (%1): downloads paused or cut short before this start are not listed.</translation>
    </message>
    <message>
        <source>Their partly downloaded files were kept in the models folder (%1): Download on a model&apos;s card in Models goes on from its file.</source>
        <translation>Their partly downloaded files were kept in the models folder (%1): Download on a model&apos;s card in Models goes on from its file.</translation>
    </message>
    <message>
        <source>Their partly downloaded files are still in the models folder (%1).</source>
        <translation>Their partly downloaded files are still in the models folder (%1).</translation>
    </message>
    <message>
        <source>Your chats and the models already downloaded were not touched.</source>
        <translation>Your chats and the models already downloaded were not touched.</translation>
    </message>
</context>
<context>
    <name>rwkv::models::DownloadTask</name>
    <message>
        <source>connection lost: %1</source>
        <translation>connection lost: %1</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 is already in the models folder.</translation>
    </message>
    <message>
        <source>No download address for %1 from %2.</source>
        <translation>No download address for %1 from %2.</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Cannot write %1: %2</translation>
    </message>
    <message>
        <source>the server sent an unreadable Content-Range</source>
        <translation>the server sent an unreadable Content-Range</translation>
    </message>
    <message>
        <source>the server resumed at byte %1 instead of %2</source>
        <translation>the server resumed at byte %1 instead of %2</translation>
    </message>
    <message>
        <source>the server offers %1 bytes, %2 were expected</source>
        <translation>the server offers %1 bytes, %2 were expected</translation>
    </message>
    <message>
        <source>the server sent more bytes than the file has</source>
        <translation>the server sent more bytes than the file has</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. The partial download is kept; resume when the problem is fixed.</source>
        <translation>Cannot write %1: %2. The partial download is kept; resume when the problem is fixed.</translation>
    </message>
    <message>
        <source>Starting over: %1</source>
        <translation>Starting over: %1</translation>
    </message>
    <message>
        <source>the connection closed early</source>
        <translation>the connection closed early</translation>
    </message>
    <message>
        <source>HTTP %1 from %2 without a usable Location</source>
        <translation>HTTP %1 from %2 without a usable Location</translation>
    </message>
    <message>
        <source>too many redirects</source>
        <translation>too many redirects</translation>
    </message>
    <message>
        <source>the server refused the byte range</source>
        <translation>the server refused the byte range</translation>
    </message>
    <message>
        <source>HTTP %1 from %2</source>
        <translation>HTTP %1 from %2</translation>
    </message>
    <message>
        <source>unexpected HTTP %1 from %2</source>
        <translation>unexpected HTTP %1 from %2</translation>
    </message>
    <message>
        <source>Retrying in %1 s (attempt %2): %3</source>
        <translation>Retrying in %1 s (attempt %2): %3</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2. Retry later, or choose another source in Models; when every source fails, the model catalog may be out of date.</source>
        <translation>Downloading %1 failed: %2. Retry later, or choose another source in Models; when every source fails, the model catalog may be out of date.</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2. Each source was tried in turn (Automatic): retry later; if they all keep failing, the model catalog may be out of date.</source>
        <translation>Downloading %1 failed: %2. Each source was tried in turn (Automatic): retry later; if they all keep failing, the model catalog may be out of date.</translation>
    </message>
    <message>
        <source>%1 failed (%2); trying %3</source>
        <translation>%1 failed (%2); trying %3</translation>
    </message>
    <message>
        <source>%1 has %2 bytes, %3 were expected; the download was deleted.</source>
        <translation>%1 has %2 bytes, %3 were expected; the download was deleted.</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>Verifying</translation>
    </message>
    <message>
        <source>Checksum mismatch for %1: expected sha256 %2, got %3. The downloaded file was deleted; try again or choose another source.</source>
        <translation>Checksum mismatch for %1: expected sha256 %2, got %3. The downloaded file was deleted; try again or choose another source.</translation>
    </message>
    <message>
        <source>%1 appeared in the models folder during the download; the verified copy is kept as %2.</source>
        <translation>%1 appeared in the models folder during the download; the verified copy is kept as %2.</translation>
    </message>
    <message>
        <source>Cannot move %1 into the models folder.</source>
        <translation>Cannot move %1 into the models folder.</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2. Retry later; the model catalog lists no other source for it, and it may be out of date.</source>
        <translation>Downloading %1 failed: %2. Retry later; the model catalog lists no other source for it, and it may be out of date.</translation>
    </message>
    <message>
        <source>%1 (%2) is larger than the whole disk holding %3 (%4): it cannot be downloaded there. Choose a models folder on a larger disk.</source>
        <translation>%1 (%2) is larger than the whole disk holding %3 (%4): it cannot be downloaded there. Choose a models folder on a larger disk.</translation>
    </message>
    <message>
        <source>Not enough disk space: %1 needs %2 still to download, and only %3 are free in %4. Free some space, then resume.</source>
        <translation>Not enough disk space: %1 needs %2 still to download, and only %3 are free in %4. Free some space, then resume.</translation>
    </message>
    <message>
        <source>the server sent a web page, not the model file (a login or error page?)</source>
        <translation>the server sent a web page, not the model file (a login or error page?)</translation>
    </message>
    <message>
        <source>the server sent a web page of %1 bytes, not the model file (a login or error page?)</source>
        <translation>the server sent a web page of %1 bytes, not the model file (a login or error page?)</translation>
    </message>
    <message>
        <source>the server sent a web page of %1 bytes, not the model file of %2 bytes (a login or error page?)</source>
        <translation>the server sent a web page of %1 bytes, not the model file of %2 bytes (a login or error page?)</translation>
    </message>
    <message>
        <source>Waiting for the server: nothing received for %1 s; the app asks again after %2 s of silence.</source>
        <translation>Waiting for the server: nothing received for %1 s; the app asks again after %2 s of silence.</translation>
    </message>
    <message>
        <source>Starting over: %1 in the models folder was not written by this download (another program&apos;s or another file&apos;s), so the file is downloaded from the start.</source>
        <translation>Starting over: %1 in the models folder was not written by this download (another program&apos;s or another file&apos;s), so the file is downloaded from the start.</translation>
    </message>
    <message>
        <source>%1 is being downloaded by another RWKV Desktop window (process %2) into the same models folder. This one waits and uses the file once it is there.</source>
        <translation>%1 is being downloaded by another RWKV Desktop window (process %2) into the same models folder. This one waits and uses the file once it is there.</translation>
    </message>
    <message>
        <source>%1 is being downloaded by another RWKV Desktop window into the same models folder. This one waits and uses the file once it is there.</source>
        <translation>%1 is being downloaded by another RWKV Desktop window into the same models folder. This one waits and uses the file once it is there.</translation>
    </message>
    <message>
        <source>Disk full while writing %1: the disk holding %2 has no room left (%3 free). Free some space, then resume; the %4 already downloaded are kept.</source>
        <translation>Disk full while writing %1: the disk holding %2 has no room left (%3 free). Free some space, then resume; the %4 already downloaded are kept.</translation>
    </message>
    <message>
        <source>the checksum of %1 did not match after resuming the %2 downloaded earlier, so the file is downloaded again from the start</source>
        <translation>the checksum of %1 did not match after resuming the %2 downloaded earlier, so the file is downloaded again from the start</translation>
    </message>
    <message>
        <source>Took over the lock %1 of %2 (process %3): its .part did not change for %4 s.</source>
        <translation>Took over the lock %1 of %2 (process %3): its .part did not change for %4 s.</translation>
    </message>
    <message>
        <source>Took over the lock %1 of %2 (process %3): no download was writing beside it.</source>
        <translation>Took over the lock %1 of %2 (process %3): no download was writing beside it.</translation>
    </message>
    <message>
        <source>%1 is being downloaded by RWKV Desktop on another computer (%2, process %3) into this shared models folder: its lock is %4. This one waits and uses the file once it is there; if nothing changes beside that lock for %5 min, this one takes the download over.</source>
        <translation>%1 is being downloaded by RWKV Desktop on another computer (%2, process %3) into this shared models folder: its lock is %4. This one waits and uses the file once it is there; if nothing changes beside that lock for %5 min, this one takes the download over.</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 is not a file (a folder or something else has that name). Remove it, then retry.</source>
        <translation>Cannot download %1: its lock %2 is not a file (a folder or something else has that name). Remove it, then retry.</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 cannot be made (no permission to write in the models folder).</source>
        <translation>Cannot download %1: its lock %2 cannot be made (no permission to write in the models folder).</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 cannot be read (it was not written by RWKV Desktop). If no window on any computer downloads this model, remove it, then retry.</source>
        <translation>Cannot download %1: its lock %2 cannot be read (it was not written by RWKV Desktop). If no window on any computer downloads this model, remove it, then retry.</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 cannot be made in the models folder.</source>
        <translation>Cannot download %1: its lock %2 cannot be made in the models folder.</translation>
    </message>
    <message>
        <source>Checksum mismatch for %1: the downloaded file was deleted. Its card in Models shows both checksums; try again or choose another source.</source>
        <translation>Checksum mismatch for %1: the downloaded file was deleted. Its card in Models shows both checksums; try again or choose another source.</translation>
    </message>
    <message>
        <source>Downloading %1 failed: no server answered (%2; last error: %3). Check this computer&apos;s internet connection (and proxy settings), then Retry.</source>
        <translation>Downloading %1 failed: no server answered (%2; last error: %3). Check this computer&apos;s internet connection (and proxy settings), then Retry.</translation>
    </message>
</context>
<context>
    <name>rwkv::models::DownloadWorker</name>
    <message>
        <source>Cannot read the download list: %1</source>
        <translation>Cannot read the download list: %1</translation>
    </message>
    <message>
        <source>There is no download %1 to resume.</source>
        <translation>There is no download %1 to resume.</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Interrupted when the app closed; resume to continue.</source>
        <translation>Interrupted when the app closed; resume to continue.</translation>
    </message>
    <message>
        <source>Cannot record the download: %1</source>
        <translation>Cannot record the download: %1</translation>
    </message>
</context>
<context>
    <name>rwkv::models::ModelCatalog</name>
    <message>
        <source>Cannot read the model catalog %1: %2</source>
        <translation>Cannot read the model catalog %1: %2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 at offset %3</source>
        <translation>%1 is not valid JSON: %2 at offset %3</translation>
    </message>
    <message>
        <source>%1 has no &quot;models&quot; list</source>
        <translation>%1 has no &quot;models&quot; list</translation>
    </message>
    <message>
        <source>%1, model %2 (%3): %4</source>
        <translation>%1, model %2 (%3): %4</translation>
    </message>
    <message>
        <source>%1, model %2: duplicate id &quot;%3&quot;</source>
        <translation>%1, model %2: duplicate id &quot;%3&quot;</translation>
    </message>
    <message>
        <source>%1, model %2: %3</source>
        <translation>%1, model %2: %3</translation>
    </message>
</context>
<context>
    <name>rwkv::models::ModelManagerController</name>
    <message>
        <source>Download of %1 paused: %2</source>
        <translation>Download of %1 paused: %2</translation>
    </message>
    <message>
        <source>Checking %1 (size and sha256)…</source>
        <translation>Checking %1 (size and sha256)…</translation>
    </message>
    <message>
        <source>Downloading %1: %2</source>
        <translation>Downloading %1: %2</translation>
    </message>
    <message>
        <source>Downloading %1: %2 of %3 (%4 %)</source>
        <translation>Downloading %1: %2 of %3 (%4 %)</translation>
    </message>
    <message>
        <source>Downloading %1: starting…</source>
        <translation>Downloading %1: starting…</translation>
    </message>
    <message>
        <source>Automatic (fall back on failure)</source>
        <translation>Automatic (fall back on failure)</translation>
    </message>
    <message>
        <source>Hugging Face</source>
        <translation>Hugging Face</translation>
    </message>
    <message>
        <source>hf-mirror.com</source>
        <translation>hf-mirror.com</translation>
    </message>
    <message>
        <source>ModelScope</source>
        <translation>ModelScope</translation>
    </message>
    <message>
        <source>Unknown download source &quot;%1&quot;.</source>
        <translation>Unknown download source &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>none detected</source>
        <translation>none detected</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>GPU %1 · RAM %2</source>
        <translation>GPU %1 · RAM %2</translation>
    </message>
    <message>
        <source>Unknown model &quot;%1&quot;.</source>
        <translation>Unknown model &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>An import is already running.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 is not a file.</translation>
    </message>
    <message>
        <source>%1 is not a model file (.pth, .gguf, .st, .safetensors or .bin).</source>
        <translation>%1 is not a model file (.pth, .gguf, .st, .safetensors or .bin).</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 is already in the models folder.</translation>
    </message>
    <message>
        <source>Not enough disk space to import %1: %2 needed, %3 free.</source>
        <translation>Not enough disk space to import %1: %2 needed, %3 free.</translation>
    </message>
    <message>
        <source>Could not copy %1 into the models folder (is the disk full?).</source>
        <translation>Could not copy %1 into the models folder (is the disk full?).</translation>
    </message>
    <message>
        <source>Could not delete %1.</source>
        <translation>Could not delete %1.</translation>
    </message>
    <message>
        <source>%1 is not in the models folder.</source>
        <translation>%1 is not in the models folder.</translation>
    </message>
    <message>
        <source>%1 cannot be used as a model, so nothing was copied: %2</source>
        <translation>%1 cannot be used as a model, so nothing was copied: %2</translation>
    </message>
    <message>
        <source>The model catalog “%1” could not be used, so no models are listed: %2</source>
        <translation>The model catalog “%1” could not be used, so no models are listed: %2</translation>
    </message>
    <message>
        <source>The model catalog “%1” lists no models.</source>
        <translation>The model catalog “%1” lists no models.</translation>
    </message>
    <message>
        <source>%1 (integrated, shares the RAM)</source>
        <translation>%1 (integrated, shares the RAM)</translation>
    </message>
    <message>
        <source>%1 (software, on the CPU)</source>
        <translation>%1 (software, on the CPU)</translation>
    </message>
    <message>
        <source>Some models of the catalog “%1” cannot be used and are left out; the others are listed. Left out: %2</source>
        <translation>Some models of the catalog “%1” cannot be used and are left out; the others are listed. Left out: %2</translation>
    </message>
    <message>
        <source>The models folder %1 cannot be written (%2), so downloads and imports go to %3; its models are listed and can be used, not deleted.</source>
        <translation>The models folder %1 cannot be written (%2), so downloads and imports go to %3; its models are listed and can be used, not deleted.</translation>
    </message>
    <message>
        <source>%1 cannot be deleted: the models folder %2 cannot be written (%3).</source>
        <translation>%1 cannot be deleted: the models folder %2 cannot be written (%3).</translation>
    </message>
    <message>
        <source>%1 goes on downloading into %2, the models folder when it started; once there it is listed here, with its folder.</source>
        <translation>%1 goes on downloading into %2, the models folder when it started; once there it is listed here, with its folder.</translation>
    </message>
    <message>
        <source>The models folder holds a folder named %1, so %2 cannot be downloaded: its file has that name.</source>
        <translation>The models folder holds a folder named %1, so %2 cannot be downloaded: its file has that name.</translation>
    </message>
    <message>
        <source>%1 in the models folder is not the catalog&apos;s file (%2, the catalog&apos;s is %3) and could not be deleted, so it cannot be downloaded again.</source>
        <translation>%1 in the models folder is not the catalog&apos;s file (%2, the catalog&apos;s is %3) and could not be deleted, so it cannot be downloaded again.</translation>
    </message>
    <message>
        <source>Not listed: %1. A file name with bytes that are not UTF-8 text (shown as �) cannot be opened here; rename the file to use it.</source>
        <translation>Not listed: %1. A file name with bytes that are not UTF-8 text (shown as �) cannot be opened here; rename the file to use it.</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <comment>model files not listed</comment>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be imported: its file name is %2 bytes long, and the copy is made under its name with “.importing” after it, which would pass the 255 bytes a file name can have. The longest name that imports is %3 bytes; rename the file, then import it.</source>
        <translation>%1 cannot be imported: its file name is %2 bytes long, and the copy is made under its name with “.importing” after it, which would pass the 255 bytes a file name can have. The longest name that imports is %3 bytes; rename the file, then import it.</translation>
    </message>
    <message>
        <source>%1 cannot be used as a model, so nothing was copied. %2
Details: %3</source>
        <translation>%1 cannot be used as a model, so nothing was copied. %2
Details: %3</translation>
    </message>
    <message>
        <source>%1 was imported as %2: the models folder already has another file named %1.</source>
        <translation>%1 was imported as %2: the models folder already has another file named %1.</translation>
    </message>
    <message>
        <source>%1 is already in the models folder, as %2.</source>
        <translation>%1 is already in the models folder, as %2.</translation>
    </message>
    <message>
        <source>%1 cannot be imported under another name: the models folder already has a file of that name, and its name, %2 bytes long, leaves no room for “ (%3)” in the 255 bytes a file name can have (the copy is made with “.importing” after it). Rename the file to at most %4 bytes, then import it.</source>
        <translation>%1 cannot be imported under another name: the models folder already has a file of that name, and its name, %2 bytes long, leaves no room for “ (%3)” in the 255 bytes a file name can have (the copy is made with “.importing” after it). Rename the file to at most %4 bytes, then import it.</translation>
    </message>
    <message>
        <source>%1 was imported into the models folder.</source>
        <translation>%1 was imported into the models folder.</translation>
    </message>
</context>
<context>
    <name>rwkv::models::Sha256Job</name>
    <message>
        <source>Cannot read %1 to verify it: %2</source>
        <translation>Cannot read %1 to verify it: %2</translation>
    </message>
    <message>
        <source>Verification was cancelled.</source>
        <translation>Verification was cancelled.</translation>
    </message>
</context>
</TS>
