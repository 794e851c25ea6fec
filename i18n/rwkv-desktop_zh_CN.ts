<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV 桌面版</translation>
    </message>
    <message>
        <source>Chat with RWKV-7 models on your own computer</source>
        <translation>在你自己的电脑上与 RWKV-7 模型聊天</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Engine backends</source>
        <translation>推理后端</translation>
    </message>
    <message>
        <source>%1 (built with %2)</source>
        <translation>%1（编译时为 %2）</translation>
    </message>
    <message>
        <source>Bundled data</source>
        <translation>附带的数据</translation>
    </message>
    <message>
        <source>World vocabulary</source>
        <translation>World 词表</translation>
    </message>
    <message>
        <source>rwkv_vocab_v20230424.txt, from the RWKV-LM project — Apache-2.0</source>
        <translation>rwkv_vocab_v20230424.txt，来自 RWKV-LM 项目 — Apache-2.0</translation>
    </message>
    <message>
        <source>Demo model</source>
        <translation>演示模型</translation>
    </message>
    <message>
        <source>tiny-rwkv7-834K.pth, from rwkv.cpp&apos;s test suite — Apache-2.0</source>
        <translation>tiny-rwkv7-834K.pth，来自 rwkv.cpp 的测试套件 — Apache-2.0</translation>
    </message>
    <message>
        <source>Model catalog</source>
        <translation>模型目录</translation>
    </message>
    <message>
        <source>models.json: links to the official RWKV-7 releases; each model keeps its own license (Apache-2.0 for the official ones)</source>
        <translation>models.json：指向 RWKV-7 官方发布的链接；每个模型沿用自己的许可证（官方模型为 Apache-2.0）</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>使用的库</translation>
    </message>
    <message>
        <source>Qt 6 (LGPL-3.0), SQLite (public domain), Zstandard (BSD-3-Clause), nlohmann/json (MIT), xxHash (BSD-2-Clause), and the Vulkan loader (Apache-2.0) when the Vulkan backend is built.</source>
        <translation>Qt 6（LGPL-3.0）、SQLite（公有领域）、Zstandard（BSD-3-Clause）、nlohmann/json（MIT）、xxHash（BSD-2-Clause），以及编译了 Vulkan 后端时的 Vulkan 加载器（Apache-2.0）。</translation>
    </message>
</context>
<context>
    <name>BranchSwitcher</name>
    <message>
        <source>Previous version</source>
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>Next version</source>
        <translation>下一个版本</translation>
    </message>
</context>
<context>
    <name>CodeBlock</name>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this code to the clipboard</source>
        <translation>把这段代码复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Choose a model to start chatting</source>
        <translation>选择一个模型即可开始聊天</translation>
    </message>
    <message>
        <source>Message RWKV…  (Enter to send, Shift+Enter for a new line)</source>
        <translation>给 RWKV 发消息…（Enter 发送，Shift+Enter 换行）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Stop the reply (the text so far is kept)</source>
        <translation>停止回复（已生成的文字会保留）</translation>
    </message>
    <message>
        <source>Send (Enter)</source>
        <translation>发送（Enter）</translation>
    </message>
    <message>
        <source>Read-only library: new messages cannot be saved</source>
        <translation>对话库为只读：新消息无法保存</translation>
    </message>
    <message>
        <source>Loading the model… (you can type: Enter sends once it has loaded)</source>
        <translation>正在加载模型…（可以先输入：按 Enter 后，加载完成时即发送）</translation>
    </message>
    <message>
        <source>Send once the model has loaded (Enter)</source>
        <translation>模型加载完成后发送（Enter）</translation>
    </message>
    <message>
        <source>Message RWKV…</source>
        <translation>给 RWKV 发消息…</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”: send once it has ended</source>
        <translation>“%1”中正在写回复：写完后再发送</translation>
    </message>
</context>
<context>
    <name>ConversationDelegate</name>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin to top</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Writing a reply…</source>
        <translation>正在写回复…</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>打开于 %1</translation>
    </message>
    <message>
        <source>Instructions…</source>
        <translation>指令…</translation>
    </message>
    <message>
        <source>Starting state…</source>
        <translation>起始状态…</translation>
    </message>
    <message>
        <source>Rename or delete the folder</source>
        <translation>重命名或删除文件夹</translation>
    </message>
    <message>
        <source>Rename, instructions, export, starting state, pin, folder or delete</source>
        <translation>重命名、指令、导出、起始状态、置顶、文件夹或删除</translation>
    </message>
    <message>
        <source>Move to folder</source>
        <translation>移到文件夹</translation>
    </message>
    <message>
        <source>New folder…</source>
        <translation>新建文件夹…</translation>
    </message>
    <message>
        <source>Remove from folder</source>
        <translation>移出文件夹</translation>
    </message>
    <message>
        <source>Delete folder…</source>
        <translation>删除文件夹…</translation>
    </message>
    <message>
        <source>Waiting for the Local API…</source>
        <translation>正在等待本地 API…</translation>
    </message>
</context>
<context>
    <name>ConversationDialogs</name>
    <message>
        <source>Delete “%1” and all its messages? This cannot be undone.</source>
        <translation>删除“%1”及其全部消息？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Rename conversation</source>
        <translation>重命名对话</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Delete conversation</source>
        <translation>删除对话</translation>
    </message>
    <message>
        <source>A title keeps its first %1 characters.</source>
        <translation>标题只保留前 %1 个字符。</translation>
    </message>
    <message>
        <source>A conversation needs a title.</source>
        <translation>对话需要一个标题。</translation>
    </message>
    <message>
        <source>Instructions for “%1”</source>
        <translation>“%1”的指令</translation>
    </message>
    <message>
        <source>The model reads these before the chat, as its first turn: a role, a tone, what to keep to.</source>
        <translation>模型会在对话之前先读这些，作为对话的第一轮：一个角色、一种语气、要遵守的事。</translation>
    </message>
    <message>
        <source>For example: You are a patient tutor. Answer briefly.</source>
        <translation>例如：你是一位耐心的老师。回答要简短。</translation>
    </message>
    <message>
        <source>Blank lines are read as single line breaks. A chat that has messages reads them again from the start with new instructions at its next reply.</source>
        <translation>空行会读作单个换行。已有消息的对话换了指令后，下一次回复会带着新指令从头重新读取这些消息。</translation>
    </message>
    <message>
        <source>Instructions for this new chat</source>
        <translation>这个新对话的指令</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>新建文件夹</translation>
    </message>
    <message>
        <source>Rename folder</source>
        <translation>重命名文件夹</translation>
    </message>
    <message>
        <source>Folder name, e.g. Work</source>
        <translation>文件夹名称，例如：工作</translation>
    </message>
    <message>
        <source>Delete folder</source>
        <translation>删除文件夹</translation>
    </message>
</context>
<context>
    <name>ConversationSidebar</name>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV 桌面版</translation>
    </message>
    <message>
        <source>+  New chat</source>
        <translation>+  新建对话</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>No conversations yet.
Say hello to start one.</source>
        <translation>还没有对话。
打个招呼，开始第一段对话吧。</translation>
    </message>
    <message numerus="yes">
        <source>No conversations.
%n chat(s) in the trash.
Say hello to start a new one.</source>
        <translation>
            <numerusform>这里没有对话。
回收站里有 %n 个对话。
打个招呼，开始新的对话吧。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Add a conversation from a .rwkvchat bundle or a JSON export</source>
        <translation>从 .rwkvchat 包或 JSON 导出文件添加对话</translation>
    </message>
    <message>
        <source>Importing a conversation…</source>
        <translation>正在导入对话…</translation>
    </message>
</context>
<context>
    <name>CustomSamplingSettings</name>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p（核采样）</translation>
    </message>
    <message>
        <source>Presence penalty</source>
        <translation>存在惩罚</translation>
    </message>
    <message>
        <source>Frequency penalty</source>
        <translation>频率惩罚</translation>
    </message>
    <message>
        <source>Penalty decay</source>
        <translation>惩罚衰减</translation>
    </message>
    <message>
        <source>Longest reply (tokens)</source>
        <translation>最长回复（token）</translation>
    </message>
    <message>
        <source>Higher: more varied words; 0: always the likeliest</source>
        <translation>越高用词越多样；0：总是选最可能的</translation>
    </message>
    <message>
        <source>Only the likeliest words that add up to this share; 0: always the likeliest</source>
        <translation>只从概率合计达到这个比例的最可能的词中选；0：总是选最可能的</translation>
    </message>
    <message>
        <source>Lowers a word once it has been used</source>
        <translation>用过的词被压低</translation>
    </message>
    <message>
        <source>Lowers a word more each time it is used</source>
        <translation>词每用一次就被压低更多</translation>
    </message>
    <message>
        <source>How long the penalties remember a word (1: for the whole reply)</source>
        <translation>惩罚记住一个词多久（1：整条回复）</translation>
    </message>
    <message>
        <source>The reply stops at this length</source>
        <translation>回复到这个长度就停止</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3.</source>
        <translation>%1 必须是 %2 到 %3 之间的整数。</translation>
    </message>
    <message>
        <source>%1 must be a number from %2 to %3.</source>
        <translation>%1 必须是 %2 到 %3 之间的数。</translation>
    </message>
    <message>
        <source>Reset to the chat preset&apos;s values</source>
        <translation>恢复为“聊天”预设的值</translation>
    </message>
    <message>
        <source>Used by the chats on the Custom preset (chosen next to Send, or as the default above) from their next reply.</source>
        <translation>用于使用“自定义”预设的对话（在发送旁选择，或设为上面的默认预设），从下一条回复起生效。</translation>
    </message>
</context>
<context>
    <name>DownloadBanner</name>
    <message>
        <source>Hide (the download goes on)</source>
        <translation>隐藏（下载会继续）</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>DrawerHeader</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>EngineError</name>
    <message>
        <source>The file could not be found or opened.</source>
        <translation>找不到或无法打开该文件。</translation>
    </message>
    <message>
        <source>The file could not be read. Check that it can be read and that its disk works.</source>
        <translation>无法读取该文件。请检查它是否可读，以及所在磁盘是否正常。</translation>
    </message>
    <message>
        <source>This is not a model file RWKV Desktop can read (.pth, .safetensors, .gguf or rwkv.cpp .bin).</source>
        <translation>这不是 RWKV 桌面版能读取的模型文件（.pth、.safetensors、.gguf 或 rwkv.cpp .bin）。</translation>
    </message>
    <message>
        <source>The file is incomplete (an interrupted download or copy?). Download or copy it again.</source>
        <translation>文件不完整（下载或复制被中断了？）。请重新下载或复制。</translation>
    </message>
    <message>
        <source>The file is damaged: its contents do not fit together. Download or copy it again.</source>
        <translation>文件已损坏：其内容前后不一致。请重新下载或复制。</translation>
    </message>
    <message>
        <source>The file is damaged: some of its weights are not numbers. Download or copy it again.</source>
        <translation>文件已损坏：其中有些权重不是数值。请重新下载或复制。</translation>
    </message>
    <message>
        <source>The file asks to run code when it is opened, so it was not loaded.</source>
        <translation>该文件要求在打开时运行代码，因此没有加载。</translation>
    </message>
    <message>
        <source>There is not enough memory for this model. Close other programs or choose a smaller model.</source>
        <translation>内存不足，无法加载此模型。请关闭其他程序，或选择更小的模型。</translation>
    </message>
    <message>
        <source>The chosen device is not available. Choose another device (or Automatic) in Settings.</source>
        <translation>所选设备不可用。请在设置中选择其他设备（或“自动”）。</translation>
    </message>
    <message>
        <source>The model&apos;s outputs are not numbers: the file is damaged or is not an RWKV-7 model. Download or copy it again, or choose another model.</source>
        <translation>模型的输出不是数字：文件已损坏，或者不是 RWKV-7 模型。请重新下载或复制它，或者选择另一个模型。</translation>
    </message>
    <message>
        <source>No NVIDIA GPU driver was found, so CUDA cannot run on this computer. Choose the CPU or a Vulkan device in Settings.</source>
        <translation>没有找到 NVIDIA GPU 驱动程序，所以这台电脑上无法使用 CUDA。请在设置中选择 CPU 或 Vulkan 设备。</translation>
    </message>
    <message>
        <source>The NVIDIA GPU driver is older than this build of RWKV Desktop needs. Update the driver, or choose the CPU or a Vulkan device in Settings.</source>
        <translation>NVIDIA GPU 驱动程序的版本低于这个 RWKV 桌面版所需的版本。请更新驱动程序，或者在设置中选择 CPU 或 Vulkan 设备。</translation>
    </message>
    <message>
        <source>No NVIDIA GPU was found. Choose the CPU or a Vulkan device in Settings.</source>
        <translation>没有找到 NVIDIA GPU。请在设置中选择 CPU 或 Vulkan 设备。</translation>
    </message>
    <message>
        <source>This is an %1 model: RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 model.</source>
        <translation>这是 %1 模型：RWKV 桌面版只运行 RWKV-7 模型。请选择一个 RWKV-7 模型。</translation>
    </message>
    <message>
        <source>This file is not an RWKV model (the details say what it is): RWKV Desktop runs RWKV-7 models only. Choose an RWKV-7 model.</source>
        <translation>这个文件不是 RWKV 模型（详情中说明了它是什么）：RWKV 桌面版只运行 RWKV-7 模型。请选择一个 RWKV-7 模型。</translation>
    </message>
    <message>
        <source>This file is not an RWKV-7 model: it does not have RWKV-7&apos;s layers (the details say what it has). Choose an RWKV-7 model.</source>
        <translation>这个文件不是 RWKV-7 模型：它没有 RWKV-7 的层（详情中说明了它有什么）。请选择一个 RWKV-7 模型。</translation>
    </message>
    <message>
        <source>This model is not one RWKV Desktop can run (the details say why). Choose another RWKV-7 model.</source>
        <translation>RWKV 桌面版无法运行这个模型（原因见详情）。请选择另一个 RWKV-7 模型。</translation>
    </message>
    <message>
        <source>The engine refused a setting of this reply (the details say which). Check the reply&apos;s settings and try again.</source>
        <translation>引擎拒绝了这次回复的一项设置（详情中说明了是哪一项）。请检查回复的设置后重试。</translation>
    </message>
    <message>
        <source>The model&apos;s file could not be found or opened any more. Load the model again.</source>
        <translation>模型的文件已经找不到或打不开了。请重新加载模型。</translation>
    </message>
    <message>
        <source>The model&apos;s file could not be read. Check that its disk works, then load the model again.</source>
        <translation>无法读取模型的文件。请检查它所在的磁盘是否正常，然后重新加载模型。</translation>
    </message>
    <message>
        <source>The model&apos;s file is damaged. Download or copy it again, or choose another model.</source>
        <translation>模型的文件已损坏。请重新下载或复制它，或者选择另一个模型。</translation>
    </message>
    <message>
        <source>The text holds a token this model does not have: its tokenizer does not fit its weights. Choose another model.</source>
        <translation>文本中有这个模型没有的 token：它的分词器与权重不匹配。请选择另一个模型。</translation>
    </message>
    <message>
        <source>A saved state of this chat does not fit the loaded model. Try again; if it fails again, report it with the details.</source>
        <translation>这个对话保存的一个状态与已加载的模型不匹配。请重试；如果再次失败，请附上详情报告这个问题。</translation>
    </message>
    <message>
        <source>A saved state of this chat is damaged. Try again; if it fails again, report it with the details.</source>
        <translation>这个对话保存的一个状态已损坏。请重试；如果再次失败，请附上详情报告这个问题。</translation>
    </message>
    <message>
        <source>There is not enough memory to write the reply. Close other programs or choose a smaller model.</source>
        <translation>内存不足，无法写出回复。请关闭其他程序，或者选择更小的模型。</translation>
    </message>
    <message>
        <source>The device writing the reply is not available any more. Choose another device (or Automatic) in Settings.</source>
        <translation>写回复的设备已不可用。请在设置中选择其他设备（或“自动”）。</translation>
    </message>
    <message>
        <source>The reply was cancelled.</source>
        <translation>回复已取消。</translation>
    </message>
    <message>
        <source>Something went wrong inside RWKV Desktop while it wrote the reply (a bug: the details say where). Try again, and report it if it happens again.</source>
        <translation>RWKV 桌面版在写回复时内部出错（这是一个缺陷：详情中说明了出错的位置）。请重试；如果再次发生，请报告这个问题。</translation>
    </message>
    <message>
        <source>The reply could not be written (the details say why).</source>
        <translation>无法写出回复（原因见详情）。</translation>
    </message>
    <message>
        <source>The reply could not be written.</source>
        <translation>无法写出回复。</translation>
    </message>
    <message>
        <source>This is not a model file: it is %1.</source>
        <translation>这不是模型文件：它是%1。</translation>
    </message>
    <message>
        <source>This is an RWKV state-tuning file (a trained starting state), not a model. Load a model, then choose this file as a chat&apos;s starting state (⋯ → Starting state…).</source>
        <translation>这是 RWKV 状态微调文件（训练出的起始状态），不是模型。请先加载模型，再在对话的 ⋯ → 起始状态… 中选择此文件。</translation>
    </message>
    <message>
        <source>This is not a file stored on a disk but one the system makes up as it is read (a file of /proc or /sys), so it cannot be a model. Choose a model file.</source>
        <translation>这不是存放在磁盘上的文件，而是系统在读取时才生成的文件（/proc 或 /sys 中的文件），所以不可能是模型。请选择一个模型文件。</translation>
    </message>
    <message>
        <source>This is a model, not a state-tuning file: open it with the model button (top right).</source>
        <translation>这是模型，不是状态微调文件：请用右上角的模型按钮打开它。</translation>
    </message>
    <message>
        <source>This is not a file stored on a disk (a device, a pipe, or a file of /proc or /sys), so it cannot be a starting state. Choose a state-tuning file.</source>
        <translation>这不是存放在磁盘上的文件（而是设备、管道或 /proc、/sys 中的文件），因此不能作为起始状态。请选择状态微调文件。</translation>
    </message>
    <message>
        <source>This is not an RWKV state-tuning file (a .pth or .safetensors file of a trained starting state).</source>
        <translation>这不是 RWKV 状态微调文件（训练出的起始状态的 .pth 或 .safetensors 文件）。</translation>
    </message>
    <message>
        <source>This state-tuning file is for a model RWKV Desktop cannot run (the details say why).</source>
        <translation>此状态微调文件所属的模型 RWKV 桌面版无法运行（原因见详情）。</translation>
    </message>
    <message>
        <source>This state-tuning file was made for a model of another size (the details name both). Choose one made for the loaded model, or load the model it was made for.</source>
        <translation>此状态微调文件是为另一种大小的模型制作的（详情中列出了两者）。请选择为当前加载的模型制作的文件，或加载它所对应的模型。</translation>
    </message>
    <message>
        <source>This is %1, not a file stored on a disk, so it cannot be a model. Choose a model file.</source>
        <translation>这是%1，不是存放在磁盘上的文件，所以不可能是模型。请选择一个模型文件。</translation>
    </message>
    <message>
        <source>This is %1, not a file stored on a disk, so it cannot be a starting state. Choose a state-tuning file.</source>
        <translation>这是%1，不是存放在磁盘上的文件，因此不能作为起始状态。请选择状态微调文件。</translation>
    </message>
    <message>
        <source>a named pipe (FIFO)</source>
        <translation>命名管道（FIFO）</translation>
    </message>
    <message>
        <source>a character device</source>
        <translation>字符设备</translation>
    </message>
    <message>
        <source>a block device</source>
        <translation>块设备</translation>
    </message>
    <message>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <source>a file of %1, which the system makes up as it is read</source>
        <translation>%1 中的文件（系统在读取时才生成其内容）</translation>
    </message>
    <message>
        <source>a file of one of the kernel&apos;s own file systems, which the system makes up as it is read</source>
        <translation>内核自身文件系统中的文件（系统在读取时才生成其内容）</translation>
    </message>
    <message>
        <source>Some of this model&apos;s weights are too large for fp16 weights (the details name one). Choose int8 in Settings → Weights in memory and the CPU in Settings → Device: int8 weights hold them.</source>
        <translation>此模型的部分权重超出了 fp16 权重能表示的范围（详情中列出了其中一个）。请在“设置 → 内存中的权重”中选择 int8，并在“设置 → 运行设备”中选择 CPU：int8 权重可以容纳它们。</translation>
    </message>
    <message>
        <source>Some of this model&apos;s weights are too large for both fp16 and int8 weights, the kinds this window loads (the details name one). No trained model has such weights: the file may be damaged. Download or copy it again, or choose another model.</source>
        <translation>此模型的部分权重过大，fp16 和 int8 权重（本窗口能加载的两种）都无法容纳（详情中列出了其中一个）。训练好的模型不会有这样的权重：文件可能已损坏。请重新下载或复制它，或者选择另一个模型。</translation>
    </message>
</context>
<context>
    <name>ErrorBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Your conversations are open read-only: %1 (or its folder) cannot be written, so new messages and changes will not be saved. Make it writable and restart RWKV Desktop to save again.</source>
        <translation>你的对话以只读方式打开：%1（或它所在的文件夹）无法写入，因此新消息和更改不会被保存。请把它改为可写，然后重新启动 RWKV 桌面版，即可恢复保存。</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>详情：%1</translation>
    </message>
    <message>
        <source>Your conversations are open read-only: %2 cannot be written now (%1), so new messages and changes will not be saved. Free some space on its disk and restart RWKV Desktop to save again.</source>
        <translation>你的对话以只读方式打开：%2 现在无法写入（%1），因此新消息和更改不会被保存。请释放其所在磁盘的空间，然后重新启动 RWKV 桌面版，即可恢复保存。</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy every reply not saved to the clipboard</source>
        <translation>把所有尚未保存的回复复制到剪贴板</translation>
    </message>
    <message>
        <source>Copy the reply not saved to the clipboard</source>
        <translation>把尚未保存的回复复制到剪贴板</translation>
    </message>
</context>
<context>
    <name>HeaderBar</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Download and manage models</source>
        <translation>下载和管理模型</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Choose a model…</source>
        <translation>选择模型…</translation>
    </message>
    <message>
        <source>Choose a model file</source>
        <translation>选择模型文件</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Device, language, theme and folders (Ctrl+,)</source>
        <translation>设备、语言、主题和文件夹（Ctrl+,）</translation>
    </message>
    <message>
        <source>The model can be changed once the reply is written</source>
        <translation>回复写完后才能更换模型</translation>
    </message>
    <message>
        <source>Hide the conversations</source>
        <translation>隐藏对话列表</translation>
    </message>
    <message>
        <source>Show the conversations</source>
        <translation>显示对话列表</translation>
    </message>
</context>
<context>
    <name>ImportBanner</name>
    <message>
        <source>This conversation was made with %1, which is not on this computer. Download it (%2) to continue where it left off?</source>
        <translation>这个对话是用 %1 生成的，但这台电脑上没有该模型。要下载它（%2）并从上次中断处继续吗？</translation>
    </message>
    <message>
        <source>Download (%1)</source>
        <translation>下载（%1）</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Import a copy</source>
        <translation>导入一份副本</translation>
    </message>
</context>
<context>
    <name>InstructionsField</name>
    <message>
        <source>Not pasted: the %1 characters on the clipboard would make these instructions longer than %2. A long text for the model to read goes in a message.</source>
        <translation>未粘贴：剪贴板上的 %1 个字符会让指令超过 %2 个字符。要让模型阅读的长文本请放在消息里。</translation>
    </message>
    <message>
        <source>Instructions hold at most %1 characters; this text has %2. Shorten it to keep it.</source>
        <translation>指令最多 %1 个字符，这段文本有 %2 个。请缩短后再保存。</translation>
    </message>
    <message>
        <source>Instructions hold at most %1 characters, an emoji, a flag or some accented letters counting as 2 or more; this text has %2 counted so (%3 as you read them). Shorten it to keep it.</source>
        <translation>指令最多 %1 个字符，一个表情符号、一面旗帜或某些带重音的字母按 2 个或更多计算；这样计算，这段文本有 %2 个（你看到的是 %3 个）。请缩短后再保存。</translation>
    </message>
    <message>
        <source>Not pasted: the %1 characters on the clipboard, %2 as the limit counts them (an emoji, a flag or some accented letters count as 2 or more), would make these instructions longer than %3. A long text for the model to read goes in a message.</source>
        <translation>未粘贴：剪贴板上的 %1 个字符按上限的算法是 %2 个（一个表情符号、一面旗帜或某些带重音的字母按 2 个或更多计算），会让指令超过 %3 个字符。要让模型阅读的长文本请放在消息里。</translation>
    </message>
</context>
<context>
    <name>InstructionsLine</name>
    <message>
        <source>Instructions: %1</source>
        <translation>指令：%1</translation>
    </message>
    <message>
        <source>Change this chat&apos;s instructions</source>
        <translation>更改这个对话的指令</translation>
    </message>
    <message>
        <source>Add instructions…</source>
        <translation>添加指令…</translation>
    </message>
    <message>
        <source>What the model reads before this new chat: a role, a tone, what to keep to</source>
        <translation>模型在这个新对话开始前先读的内容：角色、语气、要遵守的事</translation>
    </message>
</context>
<context>
    <name>MadeFromLine</name>
    <message>
        <source>Made from “%1”</source>
        <translation>创建自“%1”</translation>
    </message>
    <message>
        <source>Open the chat this one was made from, at the message it was made from</source>
        <translation>打开创建此对话的原对话，并定位到创建时所在的消息</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>%1 — RWKV Desktop</source>
        <translation>%1 — RWKV 桌面版</translation>
    </message>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV 桌面版</translation>
    </message>
    <message>
        <source>Choose an RWKV-7 model</source>
        <translation>选择 RWKV-7 模型</translation>
    </message>
    <message>
        <source>RWKV models (*.pth *.safetensors *.gguf *.bin)</source>
        <translation>RWKV 模型 (*.pth *.safetensors *.gguf *.bin)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Import a conversation</source>
        <translation>导入对话</translation>
    </message>
    <message>
        <source>Conversations (*.rwkvchat *.json)</source>
        <translation>对话文件 (*.rwkvchat *.json)</translation>
    </message>
    <message>
        <source>Export a conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Bundle (*.rwkvchat)</source>
        <translation>对话包 (*.rwkvchat)</translation>
    </message>
    <message>
        <source>JSON export (*.json)</source>
        <translation>JSON 导出文件 (*.json)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown 文件 (*.md)</translation>
    </message>
    <message>
        <source>Ctrl+L: type a path</source>
        <translation>Ctrl+L：输入路径</translation>
    </message>
    <message>
        <source>Replace “%1”?</source>
        <translation>替换“%1”？</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>A file named “%1” is already in this folder. Replacing it overwrites what it holds.</source>
        <translation>这个文件夹里已有名为“%1”的文件。替换会覆盖它原有的内容。</translation>
    </message>
    <message>
        <source>Your unsent text can&apos;t be kept: the disk is full. Copy it before you quit.</source>
        <translation>未发送的文字无法保留：磁盘已满。请在退出前复制。</translation>
    </message>
    <message>
        <source>Quit and lose the text in the message box?</source>
        <translation>退出并丢失输入框中的文字？</translation>
    </message>
    <message>
        <source>The disk is full: the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>磁盘已满：输入框中的文字未能保存为这个对话的草稿。现在退出，这些文字就会丢失。如需保留，请先复制。</translation>
    </message>
    <message>
        <source>Quit and lose it</source>
        <translation>退出并丢失</translation>
    </message>
    <message>
        <source>Back to the text</source>
        <translation>返回编辑</translation>
    </message>
    <message>
        <source>RWKV Desktop may not write its drafts file %1 (%2): the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>RWKV 桌面版无权写入它的草稿文件 %1（%2）：输入框中的文字未能保存为这个对话的草稿。现在退出，这些文字就会丢失。如需保留，请先复制。</translation>
    </message>
    <message>
        <source>The drafts file %1 could not be written (%2): the text in the message box could not be saved as this chat&apos;s draft. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>草稿文件 %1 无法写入（%2）：输入框中的文字未能保存为这个对话的草稿。现在退出，这些文字就会丢失。如需保留，请先复制。</translation>
    </message>
    <message>
        <source>Your unsent text can&apos;t be kept: RWKV Desktop may not write its drafts file %1 (%2). Copy it before you quit.</source>
        <translation>未发送的文字无法保留：RWKV 桌面版无权写入它的草稿文件 %1（%2）。请在退出前复制。</translation>
    </message>
    <message>
        <source>Your unsent text can&apos;t be kept: the drafts file %1 could not be written (%2). Copy it before you quit.</source>
        <translation>未发送的文字无法保留：草稿文件 %1 无法写入（%2）。请在退出前复制。</translation>
    </message>
    <message>
        <source>the chat “%1”</source>
        <translation>对话“%1”</translation>
    </message>
    <message>
        <source>%1 chats (“%2” among them)</source>
        <translation>%1 个对话（包括“%2”）</translation>
    </message>
    <message>
        <source>Quit and lose the text that could not be saved?</source>
        <translation>退出并丢失未能保存的文字？</translation>
    </message>
    <message>
        <source>RWKV Desktop may not write its drafts file %1 (%2)</source>
        <translation>RWKV 桌面版无权写入它的草稿文件 %1（%2）</translation>
    </message>
    <message>
        <source>The drafts file %1 could not be written (%2)</source>
        <translation>草稿文件 %1 无法写入（%2）</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>%1: the text in the message box and the unsent text of %2 could not be saved. If you quit now, all of it is lost. Copy it first to keep it.</source>
        <translation>%1：输入框中的文字和%2中未发送的文字未能保存。现在退出，这些文字都会丢失。如需保留，请先复制。</translation>
    </message>
    <message>
        <source>%1: the unsent text of %2 could not be saved. If you quit now, it is lost. Copy it first to keep it.</source>
        <translation>%1：%2中未发送的文字未能保存。现在退出，这些文字就会丢失。如需保留，请先复制。</translation>
    </message>
    <message>
        <source>Read-only library: new messages and changes are not saved (%1 cannot be written).</source>
        <translation>对话库为只读：新消息和更改不会被保存（%1 无法写入）。</translation>
    </message>
    <message>
        <source>RWKV state-tuning files (*.pth *.safetensors)</source>
        <translation>RWKV 状态微调文件 (*.pth *.safetensors)</translation>
    </message>
    <message>
        <source>Starting state for “%1”</source>
        <translation>“%1”的起始状态</translation>
    </message>
    <message>
        <source>Starting state for this new chat</source>
        <translation>此新对话的起始状态</translation>
    </message>
</context>
<context>
    <name>MarkdownSegment</name>
    <message>
        <source>Copied the link %1 — RWKV Desktop opens only web links.</source>
        <translation>已复制链接 %1。RWKV 桌面版只打开网页链接。</translation>
    </message>
    <message>
        <source>No browser opened the link %1 — it was copied: paste it into a browser.</source>
        <translation>没有浏览器打开链接 %1。链接已复制，请粘贴到浏览器中。</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <source>Read-only library: changes cannot be saved</source>
        <translation>对话库为只读：更改无法保存</translation>
    </message>
    <message>
        <source>✓ Copied</source>
        <translation>✓ 已复制</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this message to the clipboard</source>
        <translation>把这条消息复制到剪贴板</translation>
    </message>
    <message>
        <source>↻ Regenerate</source>
        <translation>↻ 重新生成</translation>
    </message>
    <message>
        <source>Write another reply from the same point; this one is kept</source>
        <translation>从同一处再写一条回复；这一条会保留</translation>
    </message>
    <message>
        <source>✎ Edit</source>
        <translation>✎ 编辑</translation>
    </message>
    <message>
        <source>Change this message; the conversation so far is kept as another version</source>
        <translation>修改这条消息；目前的对话会作为另一个版本保留</translation>
    </message>
    <message>
        <source>Edit message</source>
        <translation>编辑消息</translation>
    </message>
    <message>
        <source>Send as new version</source>
        <translation>作为新版本发送</translation>
    </message>
    <message>
        <source>New chat from here</source>
        <translation>从这里开新对话</translation>
    </message>
    <message>
        <source>Start a new chat with the conversation before this question; the question waits in its message box</source>
        <translation>用这个问题之前的对话开一个新对话；这个问题会放在新对话的输入框里</translation>
    </message>
    <message>
        <source>Start a new chat with the conversation up to this reply; it goes on from here without reading it again</source>
        <translation>用到这条回复为止的对话开一个新对话；它从这里接着聊，不必重新读取</translation>
    </message>
    <message>
        <source>Making the new chat…</source>
        <translation>正在创建新对话…</translation>
    </message>
    <message>
        <source>→ Continue</source>
        <translation>→ 继续</translation>
    </message>
    <message>
        <source>Write on from where this reply was cut off, as a new version; this one is kept</source>
        <translation>从这条回复被截断的地方接着写，作为新版本；这一条会保留</translation>
    </message>
    <message>
        <source>3 replies</source>
        <translation>3 条回复</translation>
    </message>
    <message>
        <source>Write three new versions of this reply at once, from the same point, to compare with ‹ ›; this one is kept</source>
        <translation>从同一处同时写出这条回复的三个新版本，可用 ‹ › 比较；这一条会保留</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>Unfinished: this reply was cut off. Regenerate for a complete one.</source>
        <translation>未完成：这条回复被中断了。点击“重新生成”可获得完整回复。</translation>
    </message>
    <message>
        <source>No reply: it ended before its first word (stopped, failed or cut off). Regenerate to try again.</source>
        <translation>没有回复：在写出第一个字之前就已结束（被停止、出错或被中断）。点击“重新生成”再试一次。</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Cut off when the program writing it was closed. Regenerate for a complete one.</source>
        <translation>写这条回复的程序关闭时，它被中断了。点击“重新生成”可获得完整回复。</translation>
    </message>
    <message>
        <source>Reached the length limit</source>
        <translation>已达到长度上限</translation>
    </message>
    <message>
        <source>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Regenerate to write a new one.</source>
        <translation>回复未保存：它在生成时已显示，但在 RWKV 桌面版结束前未能保存（磁盘已满，或其他程序正在使用数据库）。请重新生成一个新的回复。</translation>
    </message>
    <message>
        <source>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Its question was read with the next message.</source>
        <translation>回复未保存：它在生成时已显示，但在 RWKV 桌面版结束前未能保存（磁盘已满，或其他程序正在使用数据库）。它的问题已和下一条消息一起读取。</translation>
    </message>
    <message>
        <source>No reply: it ended before its first word (stopped, failed or cut off), so its question was read with the next message.</source>
        <translation>没有回复：在写出第一个字之前就已结束（被停止、出错或被中断），所以它的问题已和下一条消息一起读取。</translation>
    </message>
    <message>
        <source>No reply: you stopped it before its first word, so its question was read with the next message.</source>
        <translation>没有回复：你在它写出第一个字之前停止了它，所以它的问题已和下一条消息一起读取。</translation>
    </message>
    <message>
        <source>No reply: you stopped it before its first word. Regenerate to write one.</source>
        <translation>没有回复：你在它写出第一个字之前停止了它。点击“重新生成”写一条回复。</translation>
    </message>
    <message>
        <source>No reply: RWKV Desktop was closed before its first word, so its question was read with the next message.</source>
        <translation>没有回复：RWKV 桌面版在它写出第一个字之前关闭了，所以它的问题已和下一条消息一起读取。</translation>
    </message>
    <message>
        <source>No reply: RWKV Desktop was closed before its first word. Regenerate to write one.</source>
        <translation>没有回复：RWKV 桌面版在它写出第一个字之前关闭了。点击“重新生成”写一条回复。</translation>
    </message>
    <message>
        <source>Unfinished: this reply was cut off. Continue it, or regenerate a complete one.</source>
        <translation>未完成：这条回复被中断了。点击“继续”接着写，或点击“重新生成”获得完整回复。</translation>
    </message>
    <message>
        <source>Cut off when the program writing it was closed. Continue it, or regenerate a complete one.</source>
        <translation>写这条回复的程序关闭时，它被中断了。点击“继续”接着写，或点击“重新生成”获得完整回复。</translation>
    </message>
    <message>
        <source>Reply not saved: it was shown as it was written, but could not be saved (the disk was full, or another program was using the database) before RWKV Desktop ended. Its question will be read with the next message that gets a reply.</source>
        <translation>回复未保存：它在生成时已显示，但在 RWKV 桌面版结束前未能保存（磁盘已满，或其他程序正在使用数据库）。它的问题将和下一条得到回复的消息一起读取。</translation>
    </message>
    <message>
        <source>No reply: you stopped it before its first word, so its question will be read with the next message that gets a reply.</source>
        <translation>没有回复：你在它写出第一个字之前停止了它，所以它的问题将和下一条得到回复的消息一起读取。</translation>
    </message>
    <message>
        <source>No reply: RWKV Desktop was closed before its first word, so its question will be read with the next message that gets a reply.</source>
        <translation>没有回复：RWKV 桌面版在它写出第一个字之前关闭了，所以它的问题将和下一条得到回复的消息一起读取。</translation>
    </message>
    <message>
        <source>No reply: it ended before its first word (stopped, failed or cut off), so its question will be read with the next message that gets a reply.</source>
        <translation>没有回复：在写出第一个字之前就已结束（被停止、出错或被中断），所以它的问题将和下一条得到回复的消息一起读取。</translation>
    </message>
    <message>
        <source>(only spaces or invisible characters)</source>
        <translation>（只有空格或不可见字符）</translation>
    </message>
</context>
<context>
    <name>MessageView</name>
    <message>
        <source>How can I help?</source>
        <translation>有什么可以帮你的？</translation>
    </message>
    <message>
        <source>Everything runs on this computer. Conversations are saved with the model&apos;s memory, so long chats continue instantly.</source>
        <translation>一切都在这台电脑上运行。对话会连同模型的记忆一起保存，长对话也能立即接着聊。</translation>
    </message>
    <message>
        <source>You are trying the bundled demo model, a tiny test model: its replies are English-looking babble. For real conversations, &lt;a href=&quot;models&quot;&gt;download a model&lt;/a&gt; (0.1B to 13.3B).</source>
        <translation>你正在试用内置的演示模型，它只是一个很小的测试模型：回复是像英文的胡言乱语。要真正对话，请&lt;a href=&quot;models&quot;&gt;下载一个模型&lt;/a&gt;（0.1B 到 13.3B）。</translation>
    </message>
    <message>
        <source>No messages in this chat</source>
        <translation>这个对话里没有消息</translation>
    </message>
    <message>
        <source>Its title and settings are here, but none of its messages: they could not be read back from a damaged conversation database, or none was saved. Write below to start it again.</source>
        <translation>它的标题和设置都在，但没有任何消息：它们无法从损坏的对话数据库中读回，或者一条也没有保存下来。在下面输入即可重新开始。</translation>
    </message>
</context>
<context>
    <name>ModelFileCheck</name>
    <message>
        <source>Damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>Not RWKV-7</source>
        <translation>不是 RWKV-7</translation>
    </message>
    <message>
        <source>Cannot be used</source>
        <translation>无法使用</translation>
    </message>
    <message>
        <source>%1
Details: %2</source>
        <translation>%1
详情：%2</translation>
    </message>
    <message>
        <source>Starting state</source>
        <translation>起始状态</translation>
    </message>
</context>
<context>
    <name>ModelManagerPage</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Choose the models folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Import a model file</source>
        <translation>导入模型文件</translation>
    </message>
    <message>
        <source>Model files (*.pth *.gguf *.st *.safetensors *.bin)</source>
        <translation>模型文件 (*.pth *.gguf *.st *.safetensors *.bin)</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>Download from</source>
        <translation>下载来源</translation>
    </message>
    <message>
        <source>Available models</source>
        <translation>可下载的模型</translation>
    </message>
    <message>
        <source>Verifying sha256…</source>
        <translation>正在校验 sha256…</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>已就绪</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>On this computer</source>
        <translation>本机上的模型</translation>
    </message>
    <message>
        <source>Import from disk…</source>
        <translation>从磁盘导入…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No models yet: download one above or import a file.</source>
        <translation>还没有模型：请在上方下载一个，或导入模型文件。</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <source>Delete %1 from the models folder?</source>
        <translation>从模型文件夹中删除 %1？</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>Only the bundled demo model so far (it answers with babble): download a model above or import a file.</source>
        <translation>目前只有内置的演示模型（它的回复是胡言乱语）：请在上方下载一个模型，或导入模型文件。</translation>
    </message>
    <message>
        <source>Ctrl+L: type a path</source>
        <translation>Ctrl+L：输入路径</translation>
    </message>
    <message>
        <source>Deleted: it stays loaded until you choose another model or quit</source>
        <translation>已删除：在你选择其他模型或退出之前，它仍保持加载</translation>
    </message>
    <message>
        <source>%1 is the model in use. Delete it from the models folder? It stays loaded until you choose another model or quit.</source>
        <translation>%1 是正在使用的模型。要从模型文件夹中删除它吗？在你选择其他模型或退出之前，它仍保持加载。</translation>
    </message>
    <message>
        <source>%1 · in %2</source>
        <translation>%1 · 位于 %2</translation>
    </message>
    <message>
        <source>%1 · bundled demo model</source>
        <translation>%1 · 内置演示模型</translation>
    </message>
    <message>
        <source>Download again</source>
        <translation>重新下载</translation>
    </message>
    <message>
        <source>Ctrl+L: a path from your home folder</source>
        <translation>Ctrl+L：从你的主文件夹起输入路径</translation>
    </message>
    <message>
        <source>%1 · loaded as %2</source>
        <translation>%1 · 以 %2 载入</translation>
    </message>
    <message>
        <source>Renamed to %1, which is not a model file name: it stays loaded until you choose another model or quit</source>
        <translation>已重命名为 %1，这不是模型文件名：在你选择其他模型或退出之前，它仍保持加载</translation>
    </message>
</context>
<context>
    <name>PastedText</name>
    <message>
        <source>Long text: one line, %1 characters</source>
        <translation>长文本：1 行，%1 个字符</translation>
    </message>
    <message>
        <source>Long text: %1 lines, %2 characters</source>
        <translation>长文本：%1 行，%2 个字符</translation>
    </message>
    <message>
        <source>Pasted text: one line, %1 characters</source>
        <translation>粘贴的文本：1 行，%1 个字符</translation>
    </message>
    <message>
        <source>Pasted text: %1 lines, %2 characters</source>
        <translation>粘贴的文本：%1 行，%2 个字符</translation>
    </message>
    <message>
        <source>Remove this text from the message</source>
        <translation>从消息中移除这段文本</translation>
    </message>
    <message>
        <source>Remove the pasted text</source>
        <translation>移除粘贴的文本</translation>
    </message>
    <message>
        <source>Part of the message, before what is in the box; not shown in the box because it is long</source>
        <translation>消息的一部分，放在输入框里的内容之前；因为太长，不在输入框里显示</translation>
    </message>
    <message>
        <source>Sent with your message, before what you type in the box</source>
        <translation>随消息一起发送，放在你在输入框里输入的内容之前</translation>
    </message>
</context>
<context>
    <name>PrefillBar</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop reading (Esc); the message stays, without a reply</source>
        <translation>停止读取（Esc）；消息会保留，但没有回复</translation>
    </message>
</context>
<context>
    <name>PresetChooser</name>
    <message>
        <source>Default (%1)</source>
        <translation>默认（%1）</translation>
    </message>
    <message>
        <source>Follows the preset chosen in Settings (now %1). %2</source>
        <translation>跟随设置中选择的预设（当前为%1）。%2</translation>
    </message>
    <message>
        <source>Sampling preset for this conversation&apos;s replies</source>
        <translation>本对话回复所用的采样预设</translation>
    </message>
</context>
<context>
    <name>SamplingPresetTexts</name>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Precise</source>
        <translation>精确</translation>
    </message>
    <message>
        <source>Creative</source>
        <translation>创意</translation>
    </message>
    <message>
        <source>The official RWKV chat settings (temperature 1.0, top-p 0.3)</source>
        <translation>RWKV 官方聊天设置（temperature 1.0，top-p 0.3）</translation>
    </message>
    <message>
        <source>Sticks to the most likely words; good for questions and facts (top-p 0.1)</source>
        <translation>只选最可能的词，适合问答和事实类问题（top-p 0.1）</translation>
    </message>
    <message>
        <source>More varied wording for stories and ideas (temperature 1.2, top-p 0.6)</source>
        <translation>措辞更多样，适合写故事和出点子（temperature 1.2，top-p 0.6）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Your values from Settings: temperature %1, top-p %2, presence penalty %3, frequency penalty %4, penalty decay %5, replies up to %6 tokens</source>
        <translation>你在设置中设定的值：温度 %1，top-p %2，存在惩罚 %3，频率惩罚 %4，惩罚衰减 %5，回复最多 %6 个 token</translation>
    </message>
</context>
<context>
    <name>SearchField</name>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>A search uses at most %1 characters</source>
        <translation>搜索内容最多 %1 个字符</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>清除搜索</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <source>No messages match “%1”.</source>
        <translation>没有消息匹配“%1”。</translation>
    </message>
</context>
<context>
    <name>Sentences</name>
    <message>
        <source>%1 %2</source>
        <extracomment>Two whole sentences said one after the other on one line (%1 ends with its own full stop). Chinese: &quot;%1%2&quot;.</extracomment>
        <translation>%1%2</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <source>Choose the models folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>About RWKV Desktop</source>
        <translation>关于 RWKV 桌面版</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>运行设备</translation>
    </message>
    <message>
        <source>Where models run. Changing it reloads the current model. If the chosen GPU cannot hold the model, the CPU is used and the app says why.</source>
        <translation>模型在哪里运行。更改后会重新加载当前模型。如果所选 GPU 放不下模型，会改用 CPU，并说明原因。</translation>
    </message>
    <message>
        <source>The saved device “%1” is not present now; models load on the CPU until it is back or you choose another.</source>
        <translation>保存的设备“%1”现在不存在；在它恢复或你选择其他设备之前，模型会在 CPU 上加载。</translation>
    </message>
    <message>
        <source>In use now: %1</source>
        <translation>当前使用：%1</translation>
    </message>
    <message>
        <source>CPU threads</source>
        <translation>CPU 线程数</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Automatic uses all %1 hardware threads, or one for a very small model.</source>
        <translation>“自动”会使用全部 %1 个硬件线程；很小的模型只用一个。</translation>
    </message>
    <message>
        <source>Replies</source>
        <translation>回复</translation>
    </message>
    <message>
        <source>Sampling preset</source>
        <translation>采样预设</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Used from the next start. Now in use: %1</source>
        <translation>下次启动时生效。当前使用：%1</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Settings are saved at once in %1.</source>
        <translation>设置会立即保存到 %1。</translation>
    </message>
    <message>
        <source>A conversation can choose its own preset next to Send; this one is used by the others.</source>
        <translation>每个对话可以在“发送”旁选择自己的预设；其余对话使用这里的预设。</translation>
    </message>
    <message>
        <source>Ctrl+L: a path from your home folder</source>
        <translation>Ctrl+L：从你的主文件夹起输入路径</translation>
    </message>
    <message>
        <source>Fewer CPU threads</source>
        <translation>减少 CPU 线程</translation>
    </message>
    <message>
        <source>More CPU threads</source>
        <translation>增加 CPU 线程</translation>
    </message>
    <message>
        <source>The device, CPU threads and weights chosen apply once the model now loading is ready: it then loads again.</source>
        <translation>所选的设备、CPU 线程数和权重格式将在正在加载的模型就绪后生效：届时模型会再次加载。</translation>
    </message>
    <message>
        <source>The device, CPU threads and weights chosen apply when the reply under way ends or is stopped: the model then loads again.</source>
        <translation>所选的设备、CPU 线程数和权重格式将在当前回复结束或停止后生效：届时模型会重新加载。</translation>
    </message>
    <message>
        <source>Weights in memory</source>
        <translation>内存中的权重</translation>
    </message>
    <message>
        <source>fp16 — exact, more memory</source>
        <translation>fp16 — 精确，占用内存较多</translation>
    </message>
    <message>
        <source>int8 — about half the memory, slightly less exact</source>
        <translation>int8 — 约占一半内存，精度略低</translation>
    </message>
    <message>
        <source>int8 lets a larger model fit in memory, the GPU&apos;s or the computer&apos;s RAM (a 7B model in about 8 GB instead of 15 GB); its replies differ slightly. Changing it reloads the current model.</source>
        <translation>int8 能让更大的模型放进内存，无论是 GPU 显存还是电脑的内存（7B 模型约需 8 GB，而不是 15 GB），回复会略有不同。更改后会重新加载当前模型。</translation>
    </message>
    <message>
        <source>Instructions for new chats</source>
        <translation>新对话的指令</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>A new chat starts with these (the model reads them before the chat). Each chat keeps its own: change them in its ⋯ menu (Instructions…).</source>
        <translation>新对话从这些指令开始（模型会在对话之前先读它们）。每个对话保留自己的指令：在它的 ⋯ 菜单中选“指令…”更改。</translation>
    </message>
    <message>
        <source>Local API server</source>
        <translation>本地 API 服务器</translation>
    </message>
    <message>
        <source>OpenAI-compatible API</source>
        <translation>OpenAI 兼容 API</translation>
    </message>
    <message>
        <source>Serve on port</source>
        <translation>在此端口提供服务</translation>
    </message>
    <message>
        <source>Serving the OpenAI-compatible API at %1</source>
        <translation>正在 %1 提供 OpenAI 兼容 API</translation>
    </message>
    <message>
        <source>Off. When it is on, programs on this computer can use the loaded model at %1</source>
        <translation>已关闭。开启后，这台电脑上的程序可以通过 %1 使用已加载的模型</translation>
    </message>
    <message>
        <source>Only programs on this computer can connect (127.0.0.1), without a password. Requests take turns with this window&apos;s replies, one at a time.</source>
        <translation>只有这台电脑上的程序可以连接（127.0.0.1），无需密码。请求与本窗口的回复轮流进行，一次一个。</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字大小</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1％</translation>
    </message>
    <message>
        <source>Ctrl+= larger, Ctrl+- smaller, Ctrl+0 back to 100 %</source>
        <translation>Ctrl+= 放大，Ctrl+- 缩小，Ctrl+0 恢复为 100％</translation>
    </message>
    <message>
        <source>Custom sampling</source>
        <translation>自定义采样</translation>
    </message>
    <message>
        <source>Freeing space…</source>
        <translation>正在释放空间…</translation>
    </message>
    <message>
        <source>A reply is being written: its state is saved when it ends. Free the space after that.</source>
        <translation>正在写回复：它的状态会在回复结束时保存。请在那之后再释放空间。</translation>
    </message>
    <message numerus="yes">
        <source>%n older saved state(s) deleted, but the database file could not be made smaller (%1): the space inside it is used again by later saved states.</source>
        <translation>
            <numerusform>已删除 %n 个较旧的保存的状态，但数据库文件无法缩小（%1）：其中空出的空间会被之后保存的状态再次使用。</numerusform>
        </translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>Freed %1 of unused space in the database.</source>
        <translation>已释放数据库中 %1 未使用的空间。</translation>
    </message>
    <message>
        <source>Nothing to free: each chat keeps only its newest saved state.</source>
        <translation>没有可释放的空间：每个聊天只保留了最新的保存的状态。</translation>
    </message>
    <message numerus="yes">
        <source>Freed %1: %n older saved state(s) deleted.</source>
        <translation>
            <numerusform>已释放 %1：删除了 %n 个较旧的保存的状态。</numerusform>
        </translation>
    </message>
    <message>
        <source>Free space used by saved states?</source>
        <translation>释放保存的状态占用的空间？</translation>
    </message>
    <message>
        <source>Each chat keeps only its newest saved model state, on the version it opens on; its older states are deleted and the database file is made smaller. No message is deleted: a chat continued from another version reads its text again once, which takes longer.</source>
        <translation>每个聊天只保留它打开时所在版本上最新的模型保存的状态；较旧的状态会被删除，数据库文件随之缩小。不会删除任何消息：从其他版本继续的聊天会重新读一次它的文字，需要更长的时间。</translation>
    </message>
    <message>
        <source>Free space</source>
        <translation>释放空间</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Saved model states: none (database %1)</source>
        <translation>模型保存的状态：无（数据库 %1）</translation>
    </message>
    <message numerus="yes">
        <source>Saved model states: %1 in %n chat(s) (database %2)</source>
        <translation>
            <numerusform>模型保存的状态：%n 个聊天中共 %1（数据库 %2）</numerusform>
        </translation>
    </message>
    <message>
        <source>Free space used by saved states</source>
        <translation>释放保存的状态占用的空间</translation>
    </message>
    <message numerus="yes">
        <source>Saved model states: %1, all in %n chat(s) in the trash (database %2)</source>
        <translation>
            <numerusform>模型保存的状态：回收站里的 %n 个聊天中共 %1（数据库 %2）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Saved model states: %1 in %n chat(s), %2 (database %3)</source>
        <comment>%2 is “%n more in the trash”</comment>
        <translation>
            <numerusform>模型保存的状态：%n 个聊天及%2中共 %1（数据库 %3）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more in the trash</source>
        <comment>chats holding saved states</comment>
        <translation>
            <numerusform>回收站里的 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>ports %1 to %2</source>
        <translation>端口 %1 到 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n older saved state(s) deleted, but the database file could not be made smaller: it is damaged where a saved state is kept. At its next start RWKV Desktop checks the whole file and offers to recover the chats that can still be read.</source>
        <translation>
            <numerusform>已删除 %n 个较旧的保存的状态，但数据库文件无法缩小：存放保存的状态之处已损坏。RWKV 桌面版下次启动时会检查整个文件，并提供恢复仍能读取的对话的选项。</numerusform>
        </translation>
    </message>
    <message>
        <source>Settings could not be saved in %1: its disk is full. Your changes hold until RWKV Desktop quits.</source>
        <translation>设置无法保存到 %1：磁盘已满。你的更改在 RWKV 桌面版退出前有效。</translation>
    </message>
    <message>
        <source>Settings could not be saved in %1: it cannot be written. Your changes hold until RWKV Desktop quits.</source>
        <translation>设置无法保存到 %1：该文件无法写入。你的更改在 RWKV 桌面版退出前有效。</translation>
    </message>
</context>
<context>
    <name>StartStateLine</name>
    <message>
        <source>Starting state: %1</source>
        <translation>起始状态：%1</translation>
    </message>
    <message>
        <source>This chat starts from a state-tuning file instead of an empty state</source>
        <translation>此对话从状态微调文件开始，而不是从空状态开始</translation>
    </message>
    <message>
        <source>Choose another file…</source>
        <translation>选择其他文件…</translation>
    </message>
    <message>
        <source>Start from an empty state</source>
        <translation>从空状态开始</translation>
    </message>
    <message>
        <source>Add a starting state…</source>
        <translation>添加起始状态…</translation>
    </message>
    <message>
        <source>Start this new chat from a state-tuning file instead of an empty state</source>
        <translation>让此新对话从状态微调文件开始，而不是从空状态开始</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>A reply is being written in “%1”…</source>
        <translation>“%1”中正在写回复…</translation>
    </message>
    <message>
        <source>Memory: %1 tokens read</source>
        <translation>记忆：已读取 %1 个 token</translation>
    </message>
    <message>
        <source>This chat&apos;s memory has read %1 tokens since it began: every message, reply and text read again. An RWKV model has no context limit to run into: its memory keeps the same size however long the chat grows, but details from far back fade. For a new topic, start a new chat, or use “New chat from here” under a reply to go on from that point in a chat of its own.</source>
        <translation>这个对话的记忆自开始以来已读取 %1 个 token：所有消息、回复和重新读取的文本。RWKV 模型没有会撞上的上下文上限：无论对话多长，它的记忆大小都不变，但很久以前的细节会逐渐淡去。要换新话题，请开始新对话，或在某条回复下使用“从这里开新对话”，从那一点起在单独的对话中继续。</translation>
    </message>
    <message>
        <source>A reply in “%1” is waiting for a Local API request…</source>
        <translation>“%1”中的回复正在等待本地 API 请求…</translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <source>The conversation database %1 is read-only, so this change was not saved. Make the file and its folder writable, then start again.</source>
        <translation>对话数据库 %1 是只读的，所以这次更改没有保存。请让该文件及其文件夹可写，然后重新启动。</translation>
    </message>
    <message>
        <source>The conversation database %1 was replaced or removed by another program while RWKV Desktop had it open, so this change was not saved and nothing more is written to it (writing on would damage the file now at that path). Quit and start RWKV Desktop again to use the file that is there now.</source>
        <translation>对话数据库 %1 在 RWKV 桌面版打开期间被另一个程序替换或删除了，所以这次更改没有保存，之后也不会再写入它（继续写入会损坏现在位于该路径的文件）。请退出并重新启动 RWKV 桌面版，以使用现在在那里的文件。</translation>
    </message>
    <message>
        <source>The conversation database %1 is locked by another program (%2). Close the other program using it (another RWKV Desktop or rwkv-cli) and try again; nothing was changed.</source>
        <translation>对话数据库 %1 被另一个程序锁定（%2）。请关闭正在使用它的程序（另一个 RWKV 桌面版或 rwkv-cli）后重试；没有做任何更改。</translation>
    </message>
    <message>
        <source>The disk holding the conversation database %1 is full, so this change was not saved. Free some space and try again.</source>
        <translation>存放对话数据库 %1 的磁盘已满，所以这次更改没有保存。请腾出一些空间后重试。</translation>
    </message>
    <message>
        <source>A disk error occurred while using the conversation database %1 (%2); the last change may not have been saved. Check the disk and try again.</source>
        <translation>使用对话数据库 %1 时发生磁盘错误（%2）；最后一次更改可能没有保存。请检查磁盘后重试。</translation>
    </message>
    <message>
        <source>Out of memory while using the conversation database %1. Close other programs and try again.</source>
        <translation>使用对话数据库 %1 时内存不足。请关闭其他程序后重试。</translation>
    </message>
    <message>
        <source>Free some space on that disk and choose Try again, or start RWKV Desktop with --data-dir naming a folder on another disk.</source>
        <translation>请在那个磁盘上腾出一些空间后选择“重试”，或者用 --data-dir 指定另一个磁盘上的文件夹来启动 RWKV 桌面版。</translation>
    </message>
    <message>
        <source>The disk is full: RWKV Desktop cannot set up its conversation database.</source>
        <translation>磁盘已满：RWKV 桌面版无法建立它的对话数据库。</translation>
    </message>
    <message>
        <source>File: %1
The disk holding it has no room for a new conversation database, so the app cannot start with it. Nothing was changed.</source>
        <translation>文件：%1
存放它的磁盘没有空间容纳新的对话数据库，所以应用无法用它启动。没有做任何更改。</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot write its conversation database.</source>
        <translation>RWKV 桌面版无法写入它的对话数据库。</translation>
    </message>
    <message>
        <source>File: %1
A disk error occurred while setting it up (%2): the disk may be full, or a file there cannot grow. Nothing was changed.</source>
        <translation>文件：%1
建立它时发生了磁盘错误（%2）：磁盘可能已满，或者那里的文件无法增大。没有做任何更改。</translation>
    </message>
    <message>
        <source>The conversation database %1 is a folder, not a database file: move or rename it.</source>
        <translation>对话数据库 %1 是一个文件夹，不是数据库文件：请移走它或给它改名。</translation>
    </message>
    <message>
        <source>The conversation database %1 is not a regular file (a device, a named pipe or a socket): move or remove it.</source>
        <translation>对话数据库 %1 不是普通文件（而是设备、命名管道或套接字）：请移走或删除它。</translation>
    </message>
    <message>
        <source>The conversation database %1 is %2, not a file stored on a disk: move or remove it.</source>
        <translation>对话数据库 %1 是%2，不是存放在磁盘上的文件：请移走或删除它。</translation>
    </message>
    <message>
        <source>The conversation database %1 is a link to %2, which does not exist: remove the link, or point it at a database file.</source>
        <translation>对话数据库 %1 是指向 %2 的链接，但 %2 不存在：请删除该链接，或让它指向一个数据库文件。</translation>
    </message>
    <message>
        <source>Cannot create the conversation database %1: its folder %2 cannot be written. Make the folder writable, or keep the database in another one.</source>
        <translation>无法创建对话数据库 %1：它所在的文件夹 %2 无法写入。请让这个文件夹可写，或者把数据库放在另一个文件夹里。</translation>
    </message>
    <message>
        <source>Cannot create the conversation database %1: its folder %2 does not exist. Create the folder, or keep the database in another one.</source>
        <translation>无法创建对话数据库 %1：它所在的文件夹 %2 不存在。请创建这个文件夹，或者把数据库放在另一个文件夹里。</translation>
    </message>
    <message>
        <source>RWKV Desktop is still saving a reply to the conversation database %1, so this change was not made. Try again in a moment.</source>
        <translation>RWKV 桌面版仍在把一条回复保存到对话数据库 %1，所以这次更改没有进行。请稍后再试。</translation>
    </message>
    <message>
        <source>The conversation database %1 is damaged, so the reply could not be saved (the details say where).</source>
        <translation>对话数据库 %1 已损坏，所以回复无法保存（详情中说明了损坏的位置）。</translation>
    </message>
    <message>
        <source>The conversation database %1 could not save the reply (the details say why).</source>
        <translation>对话数据库 %1 无法保存回复（原因见详情）。</translation>
    </message>
    <message>
        <source>Recovered chat %1</source>
        <translation>恢复的对话 %1</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>RWKV Desktop is freeing the space used by saved states in the conversation database %1 (Settings → Folders), so this change was not made. Try again once it has finished.</source>
        <translation>RWKV 桌面版正在释放对话数据库 %1 中保存的状态占用的空间（设置 → 文件夹），所以这次更改没有进行。完成后请再试一次。</translation>
    </message>
    <message>
        <source>Cannot create the conversation database %1: no file can be made in its folder %2 (%3). Keep the database in another folder.</source>
        <translation>无法创建对话数据库 %1：它所在的文件夹 %2 里无法新建任何文件（%3）。请把数据库放在另一个文件夹里。</translation>
    </message>
    <message>
        <source>it does not exist</source>
        <translation>它不存在</translation>
    </message>
    <message>
        <source>it is a file, not a folder</source>
        <translation>它是一个文件，不是文件夹</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>a disk mounted read-only</source>
        <translation>磁盘以只读方式挂载</translation>
    </message>
    <message>
        <source>the disk quota is used up</source>
        <translation>磁盘配额已用完</translation>
    </message>
    <message>
        <source>the system lets no file be made in it</source>
        <translation>系统不允许在其中新建文件</translation>
    </message>
    <message>
        <source>the disk is full: mending the file&apos;s damaged list of free pages writes it anew, which needs about %1 free on its disk; nothing was lost, and the next start tries again</source>
        <translation>磁盘已满：修复文件中损坏的空闲页列表需要将整个文件重新写入，其所在磁盘约需 %1 可用空间；没有丢失任何内容，下次启动时会再次尝试</translation>
    </message>
</context>
<context>
    <name>ThinkBlock</name>
    <message>
        <source>Reasoning</source>
        <translation>推理过程</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>思考中…</translation>
    </message>
    <message>
        <source>Hide the reasoning</source>
        <translation>隐藏推理过程</translation>
    </message>
    <message>
        <source>Show the reasoning</source>
        <translation>显示推理过程</translation>
    </message>
    <message>
        <source>(no reasoning written)</source>
        <translation>（没有写出推理过程）</translation>
    </message>
</context>
<context>
    <name>TrashButton</name>
    <message>
        <source>🗑 Trash (%1)</source>
        <translation>🗑 回收站（%1）</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Deleted conversations are kept here for 30 days, then removed for good.</source>
        <translation>删除的对话会在这里保留 30 天，之后永久移除。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Delete forever</source>
        <translation>永久删除</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>回收站是空的。</translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>清空回收站</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Empty trash?</source>
        <translation>清空回收站？</translation>
    </message>
    <message>
        <source>Delete the conversation in the trash for good? This cannot be undone.</source>
        <translation>永久删除回收站中的这个对话？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete all %1 conversations in the trash for good? This cannot be undone.</source>
        <translation>永久删除回收站中的全部 %1 个对话？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>TypedText</name>
    <message>
        <source>Left out %1: direction controls turn the text around, so messages keep none.</source>
        <translation>已去掉 %1：方向控制字符会颠倒文字的顺序，消息中不保留。</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>“%1” moved to the trash</source>
        <translation>“%1”已移到回收站</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
</context>
<context>
    <name>UnsavedReplyDialog</name>
    <message>
        <source>A reply is not saved</source>
        <translation>有一条回复尚未保存</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Copy reply</source>
        <translation>复制回复</translation>
    </message>
    <message>
        <source>Quit anyway</source>
        <translation>仍然退出</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Still no room: the reply is not saved yet.</source>
        <translation>仍然没有空间：这条回复还没有保存。</translation>
    </message>
    <message>
        <source>Still in use by another program: the reply is not saved yet.</source>
        <translation>仍有其他程序在使用它：这条回复还没有保存。</translation>
    </message>
    <message>
        <source>Still cannot be written: the reply is not saved yet.</source>
        <translation>仍然无法写入：这条回复还没有保存。</translation>
    </message>
    <message>
        <source>Copy replies</source>
        <translation>复制全部回复</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Test hook: with --screenshot, save the window S seconds after start (a download or a reply in progress) instead, then quit.</source>
        <translation>测试钩子：与 --screenshot 一起使用，改为在启动 S 秒后保存窗口（此时下载或回复仍在进行），然后退出。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --if-damaged must be ask, recover or move-aside, not &apos;%1&apos;. See --help.</source>
        <translation>rwkv-desktop：--if-damaged 只能是 ask、recover 或 move-aside，而不是“%1”。请参阅 --help。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --screenshot-at says when to save the window: it needs --screenshot FILE.</source>
        <translation>rwkv-desktop：--screenshot-at 指定何时保存窗口，需要同时给出 --screenshot FILE。</translation>
    </message>
    <message>
        <source>Test hook: with --startup-click, click only once FILE exists.</source>
        <translation>测试钩子：与 --startup-click 一起使用，等到 FILE 存在后才点击。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --startup-click-when says when to click: it needs --startup-click TEXT.</source>
        <translation>rwkv-desktop：--startup-click-when 指定何时点击，需要同时给出 --startup-click TEXT。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --timeout limits the --send and --screenshot test hooks: it needs one of them.</source>
        <translation>rwkv-desktop：--timeout 限制 --send 和 --screenshot 测试钩子的时间，需要同时给出其中之一。</translation>
    </message>
    <message>
        <source>When the conversation database is damaged: ask (default), recover (rename it, never delete it, and put what can be read into a new one), or move-aside (rename it and start with an empty history).</source>
        <translation>对话数据库损坏时：ask（默认，询问）、recover（把它改名移到一旁，绝不删除，并把还能读取的内容放进一个新数据库），或 move-aside（把它改名移到一旁，并以空的历史记录启动）。</translation>
    </message>
    <message>
        <source>Your conversation database was damaged. It was moved to %1 (nothing was deleted) and a new, empty one was started.</source>
        <translation>你的对话数据库已损坏。它已被移到 %1（没有删除任何内容），并新建了一个空的数据库。</translation>
    </message>
    <message>
        <source>File: %1
Nothing was changed. Move or rename it yourself, then start RWKV Desktop again.

Details: %2</source>
        <translation>文件：%1
没有做任何更改。请自己移走或重命名它，然后重新启动 RWKV 桌面版。

详细信息：%2</translation>
    </message>
    <message>
        <source>The damaged conversation database could not be moved.</source>
        <translation>无法移动已损坏的对话数据库。</translation>
    </message>
    <message>
        <source>Move it aside and start fresh</source>
        <translation>移到一旁并重新开始</translation>
    </message>
    <message>
        <source>Recover what can be read</source>
        <translation>恢复能读取的内容</translation>
    </message>
    <message>
        <source>Chats whose titles could not be read are named after their first message.</source>
        <translation>标题无法读取的对话以其第一条消息命名。</translation>
    </message>
    <message>
        <source>Nothing could be recovered from it: %1</source>
        <translation>无法从中恢复任何内容：%1</translation>
    </message>
    <message>
        <source>Your conversation database is damaged.</source>
        <translation>你的对话数据库已损坏。</translation>
    </message>
    <message>
        <source>RWKV Desktop — chat with RWKV-7 models on your computer</source>
        <translation>RWKV 桌面版 — 在你的电脑上与 RWKV-7 模型聊天</translation>
    </message>
    <message>
        <source>Folder for conversations.sqlite.</source>
        <translation>conversations.sqlite 所在的文件夹。</translation>
    </message>
    <message>
        <source>Test hook: send TEXT once the model is loaded.</source>
        <translation>测试钩子：模型加载完成后发送 TEXT。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --select needs a conversation id (a whole number, 1 or more), not &apos;%1&apos;.</source>
        <translation>rwkv-desktop：--select 需要一个对话 ID（1 或更大的整数），而不是“%1”。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --keys: &apos;%1&apos; is not a key (Tab, Return, Shift+Tab, ...).</source>
        <translation>rwkv-desktop：--keys：“%1”不是一个按键（例如 Tab、Return、Shift+Tab）。</translation>
    </message>
    <message>
        <source>Test hook: save the window to FILE after the reply (or after loading), then quit.</source>
        <translation>测试钩子：回复完成（或加载完成）后把窗口截图保存到 FILE，然后退出。</translation>
    </message>
    <message>
        <source>Test hook time limit in seconds (default 120).</source>
        <translation>测试钩子的时间上限，单位为秒（默认 120）。</translation>
    </message>
    <message>
        <source>Interface language, for example zh_CN or en (default: the system language).</source>
        <translation>界面语言，例如 zh_CN 或 en（默认跟随系统语言）。</translation>
    </message>
    <message>
        <source>Model catalog (models.json) to use instead of the bundled one.</source>
        <translation>模型目录文件（models.json），代替内置的目录。</translation>
    </message>
    <message>
        <source>RWKV Desktop</source>
        <translation>RWKV 桌面版</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot create its data folder.</source>
        <translation>RWKV 桌面版无法创建数据文件夹。</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot open its conversation database.</source>
        <translation>RWKV 桌面版无法打开对话数据库。</translation>
    </message>
    <message>
        <source>File: %1
Nothing was changed. What happened and what to do:

%2</source>
        <translation>文件：%1
没有做任何更改。原因和解决办法：

%2</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Test hook: open conversation ID at start (repeatable; before the model loads).</source>
        <translation>测试钩子：启动时打开编号为 ID 的对话（可重复；在模型加载之前）。</translation>
    </message>
    <message>
        <source>Test hook: search the conversations for TEXT at start (repeatable).</source>
        <translation>测试钩子：启动时在对话中搜索 TEXT（可重复）。</translation>
    </message>
    <message>
        <source>Import a conversation bundle (.rwkvchat) or JSON export at start (repeatable: each file in turn, each with its own outcome line).</source>
        <translation>启动时导入对话包（.rwkvchat）或 JSON 导出文件（可重复：按顺序逐个导入，每个文件各有一行结果）。</translation>
    </message>
    <message>
        <source>“%1” is a file, not a folder.</source>
        <translation>“%1”是一个文件，不是文件夹。</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be written (permission denied).</source>
        <translation>文件夹“%1”无法写入（权限不足）。</translation>
    </message>
    <message>
        <source>“%1” could not be created.</source>
        <translation>无法创建“%1”。</translation>
    </message>
    <message>
        <source>The system names no folder for application data.</source>
        <translation>系统没有提供存放应用数据的文件夹。</translation>
    </message>
    <message>
        <source>%1

Nothing was changed. Start the app with --data-dir naming a folder that can be written (it is created if missing).</source>
        <translation>%1

没有做任何更改。请用 --data-dir 指定一个可写的文件夹来启动应用（文件夹不存在时会自动创建）。</translation>
    </message>
    <message>
        <source>%1. The demo model was loaded instead.</source>
        <translation>%1。已改为加载演示模型。</translation>
    </message>
    <message>
        <source>The disk of the data folder %1 is almost full (%2 free; a reply needs up to %3): new messages may not be saved. Free some space, or choose a data folder on another disk in Settings → Folders (used from the next start).</source>
        <translation>数据文件夹 %1 所在的磁盘快满了（剩余 %2；一条回复最多需要 %3）：新消息可能无法保存。请腾出一些空间，或在“设置 → 文件夹”中选择另一块磁盘上的数据文件夹（下次启动时生效）。</translation>
    </message>
    <message>
        <source>Model file to load at start, this time only (otherwise the model chosen last, or the demo model).</source>
        <translation>启动时加载的模型文件，仅限这一次（否则加载上次选择的模型，或演示模型）。</translation>
    </message>
    <message>
        <source>Download the catalog model ID, verify it and load it (the demo model answers meanwhile).</source>
        <translation>下载目录中编号为 ID 的模型，校验后加载（下载期间由演示模型回复）。</translation>
    </message>
    <message>
        <source>Show a page at start: settings, about, models, or presets (the sampling presets beside Send).</source>
        <translation>启动时显示一个页面：settings、about、models 或 presets（“发送”旁的采样预设列表）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --open must be settings, about, models or presets, not &apos;%1&apos;. See --help.</source>
        <translation>rwkv-desktop：--open 只能是 settings、about、models 或 presets，而不是“%1”。请参阅 --help。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --%1 must be a whole number of seconds, 1 or more, not &apos;%2&apos;. See --help.</source>
        <translation>rwkv-desktop：--%1 必须是不小于 1 的整数秒数，而不是“%2”。请参阅 --help。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --reply-pace must be a whole number of milliseconds from 1 to 1000, not &apos;%1&apos;.</source>
        <translation>rwkv-desktop：--reply-pace 必须是 1 到 1000 之间的整数毫秒数，而不是“%1”。</translation>
    </message>
    <message>
        <source>When the conversations folder chosen in Settings cannot be used: ask (default), or use-standard (the standard folder this time).</source>
        <translation>设置中选择的对话文件夹无法使用时：ask（默认，询问），或 use-standard（这次使用标准文件夹）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --if-folder-unusable must be ask or use-standard, not &apos;%1&apos;. See --help.</source>
        <translation>rwkv-desktop：--if-folder-unusable 只能是 ask 或 use-standard，而不是“%1”。请参阅 --help。</translation>
    </message>
    <message>
        <source>The conversations folder chosen in Settings cannot be used.</source>
        <translation>设置中选择的对话文件夹无法使用。</translation>
    </message>
    <message>
        <source>%1

Nothing was changed. You can start with the standard folder %2 this time (the conversations kept there); Settings keeps your choice, which is used again once it can be.</source>
        <translation>%1

没有做任何更改。你可以这次使用标准文件夹 %2 启动（使用保存在那里的对话）；设置会保留你的选择，一旦它可用就会再次使用。</translation>
    </message>
    <message>
        <source>Use the standard folder</source>
        <translation>使用标准文件夹</translation>
    </message>
    <message>
        <source>The conversations folder chosen in Settings cannot be used (%1), so the standard folder %2 is used this time.</source>
        <translation>设置中选择的对话文件夹无法使用（%1），所以这次使用标准文件夹 %2。</translation>
    </message>
    <message>
        <source>RWKV Desktop is already open with this data folder.</source>
        <translation>RWKV 桌面版已经用这个数据文件夹打开了。</translation>
    </message>
    <message>
        <source>Another RWKV Desktop (process %1) uses %2. Switch to its window, or close it first; nothing was changed.</source>
        <translation>另一个 RWKV 桌面版（进程 %1）正在使用 %2。请切换到它的窗口，或先关闭它；没有做任何更改。</translation>
    </message>
    <message>
        <source>rwkv-cli is writing to this data folder.</source>
        <translation>rwkv-cli 正在写入这个数据文件夹。</translation>
    </message>
    <message>
        <source>An rwkv-cli command (process %1) is writing to the conversations in %2. Wait for it to finish, or stop it, then start RWKV Desktop again; nothing was changed.</source>
        <translation>一个 rwkv-cli 命令（进程 %1）正在写入 %2 中的对话。请等它完成，或者停止它，然后再启动 RWKV 桌面版；没有做任何更改。</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>RWKV Desktop cannot find its resources folder, which holds the tokenizer vocabulary that models need (%1), the model catalog (models.json) and the demo model, so no model can be loaded. Looked in: %2. Reinstall RWKV Desktop, or start it with RWKV_DESKTOP_RESOURCES set to that folder.</source>
        <translation>RWKV 桌面版找不到它的资源文件夹，所以无法加载任何模型：这个文件夹存放模型需要的分词词表（%1）、模型目录（models.json）和演示模型。查找过：%2。请重新安装 RWKV 桌面版，或者把 RWKV_DESKTOP_RESOURCES 设为这个文件夹后再启动它。</translation>
    </message>
    <message>
        <source>Test hook: pause MS milliseconds after each piece of a streamed reply (to scroll while it streams) and of a conversation read again (as on a slow device).</source>
        <translation>测试钩子：流式回复每输出一段、重新读取对话每读完一段后暂停 MS 毫秒（以便在回复生成时滚动，或模拟较慢的设备）。</translation>
    </message>
    <message>
        <source>--download: there is no model &quot;%1&quot; in the catalog. Models lists the ones to download.</source>
        <translation>--download：模型目录中没有模型“%1”。“模型”页列出了可下载的模型。</translation>
    </message>
    <message>
        <source>Or quit and move it yourself.</source>
        <translation>也可以退出，自己移走它。</translation>
    </message>
    <message>
        <source>Or quit and move it yourself (the copy kept before its last upgrade is next to it: %1).</source>
        <translation>也可以退出，自己移走它（上次升级前保留的副本在同一文件夹中：%1）。</translation>
    </message>
    <message>
        <source>File: %1

RWKV Desktop cannot read it (SQLite: %2). You can recover the chats that can still be read into a new database, or move it aside and start with an empty history: either way the file is renamed, not deleted, so it can still be repaired or sent for help later. %3</source>
        <translation>文件：%1

RWKV 桌面版无法读取它：数据库文件已损坏。你可以把仍能读取的对话恢复到一个新数据库中，也可以把它移到一旁，以空的历史记录重新开始：无论哪种方式，文件只会被改名，不会被删除，以后仍可修复或发给别人求助。%3

详细信息（SQLite）：%2</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be written (%2).</source>
        <translation>文件夹“%1”无法写入（%2）。</translation>
    </message>
    <message>
        <source>Test hook: click the button TEXT of the first start-up problem window (for example “Try again”) once it is shown.</source>
        <translation>测试钩子：第一个启动问题窗口显示后，点击其中文字为 TEXT 的按钮（例如“Try again”）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --set %1 was not applied: %2</source>
        <translation>rwkv-desktop：--set %1 未生效：%2</translation>
    </message>
    <message>
        <source>Neither the conversations folder chosen in Settings nor the standard folder can be used.</source>
        <translation>设置中选择的对话文件夹和标准文件夹都无法使用。</translation>
    </message>
    <message>
        <source>Test hook: with --screenshot, press these keys in turn once the model is loaded (with --send: once the reply has come; comma-separated, e.g. Tab,Tab,Return), then save the window.</source>
        <translation>测试钩子：与 --screenshot 一起使用，模型加载完成后（与 --send 一起使用时：回复到来后）依次按下这些键（用逗号分隔，例如 Tab,Tab,Return），然后保存窗口截图。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --keys needs --screenshot FILE.</source>
        <translation>rwkv-desktop：--keys 需要 --screenshot FILE。</translation>
    </message>
    <message>
        <source>cannot be used (%1)</source>
        <translation>无法使用（%1）</translation>
    </message>
    <message>
        <source>The folder chosen in Settings, %1, %2. %3</source>
        <translation>设置中选择的文件夹 %1 %2。%3</translation>
    </message>
    <message>
        <source>The standard folder, %1, %2. %3</source>
        <translation>标准文件夹 %1 %2。%3</translation>
    </message>
    <message>
        <source>Nothing was changed. Once one of them is fixed, click Try again. From a terminal, --data-dir FOLDER starts with another folder.</source>
        <translation>没有做任何更改。修好其中一个之后，请点击“重试”。在终端中，可以用 --data-dir 文件夹 以另一个文件夹启动。</translation>
    </message>
    <message>
        <source>The folder “%1” does not exist, nor does %2 on its path (a drive not connected?).</source>
        <translation>文件夹“%1”不存在，路径上的 %2 也不存在（驱动器未连接？）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --select needs the id of a conversation in %1, not &apos;%2&apos;: there is no conversation %2.</source>
        <translation>rwkv-desktop：--select 需要 %1 中某个对话的 ID，而不是“%2”：没有 ID 为 %2 的对话。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --select needs the id of a conversation in %1, not &apos;%2&apos;: conversation %2 is in the trash.</source>
        <translation>rwkv-desktop：--select 需要 %1 中某个对话的 ID，而不是“%2”：对话 %2 在回收站中。</translation>
    </message>
    <message>
        <source>--download: %1 was not downloaded: %2</source>
        <translation>--download：%1 未下载：%2</translation>
    </message>
    <message>
        <source>The saved states of your chats were damaged in the conversation database and were cleared; no message was touched. Each chat reads its text again once when you continue it.</source>
        <translation>对话数据库中保存的对话状态已损坏，已被清除；没有改动任何消息。每个对话在你继续时会重新读取一次它的文本。</translation>
    </message>
    <message>
        <source>An index of your conversation database was damaged and has been rebuilt; nothing was lost.</source>
        <translation>对话数据库中的一个索引已损坏，现已重建；没有丢失任何内容。</translation>
    </message>
    <message>
        <source>Test hook: press KEYS (for example Tab,Return) in the first start-up problem window once it is shown, in place of a click.</source>
        <translation>测试钩子：第一个启动问题窗口显示后，在其中依次按下 KEYS（例如 Tab,Return），代替点击。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --startup-keys takes keys such as Tab,Return, not &apos;%1&apos;.</source>
        <translation>rwkv-desktop：--startup-keys 需要 Tab,Return 这样的按键，而不是“%1”。</translation>
    </message>
    <message>
        <source>Your conversation database is read-only and an index in it is damaged, so the index cannot be rebuilt. Your chats are listed and can be read (more slowly), but nothing can be changed. Make the file and its folder writable and start again to rebuild it.</source>
        <translation>你的对话数据库是只读的，而其中的一个索引已损坏，所以无法重建该索引。你的对话都会列出，也可以阅读（速度较慢），但无法做任何更改。请让该文件及其文件夹可写，然后重新启动以重建索引。</translation>
    </message>
    <message>
        <source>The disk of the data folder %1 is full (a reply needs up to %2): new messages cannot be saved. Free some space, or choose a data folder on another disk in Settings → Folders (used from the next start).</source>
        <translation>数据文件夹 %1 所在的磁盘已满（一条回复最多需要 %2）：新消息无法保存。请腾出一些空间，或在“设置 → 文件夹”中选择另一块磁盘上的数据文件夹（下次启动时生效）。</translation>
    </message>
    <message>
        <source>Another RWKV Desktop (process %1) uses %2: its window was brought forward.</source>
        <translation>另一个 RWKV 桌面版（进程 %1）正在使用 %2：已把它的窗口切换到前面。</translation>
    </message>
    <message>
        <source>The newest changes to your conversation database could not be read: they are in %1-wal, and its folder is read-only. The chats are shown as they were before them. Copy the folder somewhere writable and choose the copy in Settings → Folders (used from the next start) to see them.</source>
        <translation>无法读取你的对话数据库最近的更改：它们在 %1-wal 中，而其所在文件夹是只读的。现在显示的是这些更改之前的对话。请把该文件夹复制到可写的位置，再在“设置 → 文件夹”中选择这个副本（下次启动时生效）即可看到它们。</translation>
    </message>
    <message>
        <source>This is not a conversation database.</source>
        <translation>这不是对话数据库。</translation>
    </message>
    <message>
        <source>File: %1

It is not a conversation database (it is not an SQLite file), so RWKV Desktop left it as it is. You can start a new library beside it: the file keeps its content and is renamed to %2…, and a new, empty conversation database takes its place. Or quit and move it yourself, or start RWKV Desktop on another folder from a terminal: rwkv-desktop --data-dir FOLDER.</source>
        <translation>文件：%1

它不是对话数据库（不是 SQLite 文件），所以 RWKV 桌面版没有动它。你可以在它旁边新建一个对话库：该文件内容不变，改名为 %2…，由一个新的空对话数据库取代它的位置。也可以退出，自己移走它，或在终端里换一个文件夹启动 RWKV 桌面版：rwkv-desktop --data-dir FOLDER。</translation>
    </message>
    <message>
        <source>Start a new library beside it</source>
        <translation>在旁边新建对话库</translation>
    </message>
    <message>
        <source>The file in the conversation database&apos;s place was not one (not an SQLite file). It was moved to %1 as it was, and a new, empty conversation database was started.</source>
        <translation>对话数据库位置上的文件并不是对话数据库（不是 SQLite 文件）。它已原样移到 %1，并新建了一个空的对话数据库。</translation>
    </message>
    <message numerus="yes">
        <source>Damaged titles: %n chat(s) renamed %1.</source>
        <translation>
            <numerusform>标题已损坏：%n 个对话改名为%1。</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the quoted titles of a list of chats</comment>
        <translation>、</translation>
    </message>
    <message numerus="yes">
        <source>Your conversation database was damaged. What could be read was recovered into a new one: %n chat(s) back (%1)%2.</source>
        <translation>
            <numerusform>你的对话数据库已损坏。能读取的内容已恢复到一个新数据库中：恢复了 %n 个对话（%1）%2。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n 条消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chat(s) could not be read.</source>
        <translation>
            <numerusform>%n 个对话无法读取。</numerusform>
        </translation>
    </message>
    <message>
        <source>The damaged file was moved to %1 (nothing was deleted).</source>
        <translation>损坏的文件已被移到 %1（没有删除任何内容）。</translation>
    </message>
    <message>
        <source>, by title only, empty: the messages could not be read (%1)</source>
        <translation>，只恢复了标题，内容为空：消息无法读取（%1）</translation>
    </message>
    <message numerus="yes">
        <source>, %n of them by title only, empty: the messages could not be read (%1)</source>
        <translation>
            <numerusform>，其中 %n 个只恢复了标题，内容为空：消息无法读取（%1）</numerusform>
        </translation>
    </message>
    <message>
        <source>Others may have been lost too: parts of the file could not be read, so how many is not known.</source>
        <translation>可能还有其他对话丢失：文件有部分内容无法读取，所以不知道丢失了多少。</translation>
    </message>
    <message>
        <source>Some chats may have been lost: parts of the file could not be read, so how many is not known.</source>
        <translation>可能有对话丢失：文件有部分内容无法读取，所以不知道丢失了多少。</translation>
    </message>
    <message>
        <source>Test hook: try to save a reply not saved yet (a full disk, a locked database) every MS milliseconds instead of every 5 seconds.</source>
        <translation>测试钩子：每 MS 毫秒（而不是每 5 秒）尝试保存一次尚未保存的回复（磁盘已满、数据库被锁定时）。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --save-retry-ms must be a whole number of milliseconds from 100 to 60000, not &apos;%1&apos;.</source>
        <translation>rwkv-desktop：--save-retry-ms 必须是 100 到 60000 之间的整数毫秒数，而不是“%1”。</translation>
    </message>
    <message>
        <source>Serve the local OpenAI-compatible API at http://127.0.0.1:PORT/v1, this time only (otherwise as Settings → Local API server says).</source>
        <translation>仅本次在 http://127.0.0.1:PORT/v1 提供本地 OpenAI 兼容 API（否则按“设置 → 本地 API 服务器”的选择）。</translation>
    </message>
    <message>
        <source>Change a setting at run time, as the Settings page does (repeatable): backend, weightType, threads, samplingPreset, dataDir, language, theme, textSize, apiServer, apiPort, and the Custom preset&apos;s customTemperature, customTopP, customPresencePenalty, customFrequencyPenalty, customPenaltyDecay, customMaxTokens.</source>
        <translation>在运行时更改一项设置，效果与设置页相同（可重复）：backend、weightType、threads、samplingPreset、dataDir、language、theme、textSize、apiServer、apiPort，以及“自定义”预设的 customTemperature、customTopP、customPresencePenalty、customFrequencyPenalty、customPenaltyDecay、customMaxTokens。</translation>
    </message>
    <message>
        <source>rwkv-desktop: --api-port must be a port number from %1 to 65535, not &apos;%2&apos;.</source>
        <translation>rwkv-desktop：--api-port 必须是 %1 到 65535 之间的端口号，而不是“%2”。</translation>
    </message>
</context>
<context>
    <name>rwkv::app</name>
    <message>
        <source>is a file, not a folder</source>
        <translation>是一个文件，不是文件夹</translation>
    </message>
    <message>
        <source>Move or rename that file; the folder is then created.</source>
        <translation>请移动这个文件或给它改名，之后会自动创建文件夹。</translation>
    </message>
    <message>
        <source>cannot be created: “%1” on its path is a file, not a folder</source>
        <translation>无法创建：路径上的“%1”是一个文件，不是文件夹</translation>
    </message>
    <message>
        <source>a disk mounted read-only</source>
        <translation>磁盘以只读方式挂载</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <source>does not exist and cannot be made: the folder above it, “%1”, cannot be written (%2)</source>
        <translation>不存在，也无法创建：它的上一级文件夹“%1”无法写入（%2）</translation>
    </message>
    <message>
        <source>Mount that disk writable.</source>
        <translation>请以可写方式挂载那个磁盘。</translation>
    </message>
    <message>
        <source>Make that folder writable for you, or create this one in it yourself.</source>
        <translation>请让那个文件夹对你可写，或者自己在其中创建这个文件夹。</translation>
    </message>
    <message>
        <source>If it is on a drive, connect the drive; else create the missing folders.</source>
        <translation>如果它在某个驱动器上，请连接该驱动器；否则请创建缺少的文件夹。</translation>
    </message>
    <message>
        <source>could not be created</source>
        <translation>无法创建</translation>
    </message>
    <message>
        <source>Check the disk it is on.</source>
        <translation>请检查它所在的磁盘。</translation>
    </message>
    <message>
        <source>holds a folder named %1 where its database file should be</source>
        <translation>里有一个名为 %1 的文件夹，占了数据库文件的位置</translation>
    </message>
    <message>
        <source>Move or rename that folder.</source>
        <translation>请移动这个文件夹或给它改名。</translation>
    </message>
    <message>
        <source>holds %1, a link to %2, which does not exist</source>
        <translation>里的 %1 是指向 %2 的链接，但 %2 不存在</translation>
    </message>
    <message>
        <source>Remove the link, or connect the drive it points to.</source>
        <translation>请删除该链接，或连接它所指向的驱动器。</translation>
    </message>
    <message>
        <source>cannot be written (%1) and holds no conversation database yet</source>
        <translation>无法写入（%1），里面还没有对话数据库</translation>
    </message>
    <message>
        <source>Make the folder writable for you.</source>
        <translation>请让这个文件夹对你可写。</translation>
    </message>
    <message>
        <source>cannot be reached: the folder %1 on its path cannot be entered (permission denied)</source>
        <translation>无法访问：路径上的文件夹 %1 无法进入（权限不足）</translation>
    </message>
    <message>
        <source>Ask the owner of that folder (or an administrator) to let you enter it, or choose another folder.</source>
        <translation>请让那个文件夹的所有者（或管理员）允许你进入它，或者选择另一个文件夹。</translation>
    </message>
    <message>
        <source>does not exist, nor does %1 on its path, and “%2” cannot be written (%3)</source>
        <translation>不存在，路径上的 %1 也不存在，而且“%2”无法写入（%3）</translation>
    </message>
    <message>
        <source>cannot be opened (permission denied)</source>
        <translation>无法打开（权限不足）</translation>
    </message>
    <message>
        <source>does not exist, nor does %1 on its path (a drive not connected?)</source>
        <translation>不存在，路径上的 %1 也不存在（驱动器未连接？）</translation>
    </message>
    <message>
        <source>the saved state is damaged: its checksum does not match</source>
        <translation>保存的状态已损坏：校验和不匹配</translation>
    </message>
    <message>
        <source>the saved state is damaged: it is cut short</source>
        <translation>保存的状态已损坏：数据不完整</translation>
    </message>
    <message>
        <source>the saved state is in a format this version does not read</source>
        <translation>保存的状态的格式无法被此版本读取</translation>
    </message>
    <message>
        <source>the saved state is damaged</source>
        <translation>保存的状态已损坏</translation>
    </message>
    <message>
        <source>the saved state is damaged: the database is damaged where it is kept</source>
        <translation>保存的状态已损坏：数据库中存放它的部分已损坏</translation>
    </message>
    <message>
        <source>the saved state could not be read</source>
        <translation>无法读取保存的状态</translation>
    </message>
    <message>
        <source>The state-tuning file %1 cannot be read: %2.</source>
        <translation>无法读取状态微调文件 %1：%2。</translation>
    </message>
    <message>
        <source>%1 is a folder, not a state-tuning file.</source>
        <translation>%1 是文件夹，不是状态微调文件。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ApiServer</name>
    <message>
        <source>The local API server is not serving: port %1 (--api-port) is in use by another program. Start again with another port.</source>
        <translation>本地 API 服务器未提供服务：端口 %1（--api-port）已被其他程序占用。请换一个端口重新启动。</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 is in use by another program. Choose another port in Settings.</source>
        <translation>本地 API 服务器未提供服务：端口 %1 已被其他程序占用。请在设置中换一个端口。</translation>
    </message>
    <message>
        <source>The local API server is not serving on port %1: %2</source>
        <translation>本地 API 服务器未在端口 %1 上提供服务：%2</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 (--api-port) is below %2, where the system&apos;s services listen. Start again with a port from %2 to 65535.</source>
        <translation>本地 API 服务器未提供服务：端口 %1（--api-port）小于 %2，这些端口留给系统服务使用。请用 %2 到 65535 之间的端口重新启动。</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 is below %2, where the system&apos;s services listen. Choose a port from %2 to 65535 in Settings.</source>
        <translation>本地 API 服务器未提供服务：端口 %1 小于 %2，这些端口留给系统服务使用。请在设置中选择 %2 到 65535 之间的端口。</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 (--api-port) is refused by the system, as a security policy may keep it from programs like this one. Start again with another port.</source>
        <translation>本地 API 服务器未提供服务：端口 %1（--api-port）被系统拒绝，安全策略可能不让此类程序使用它。请换一个端口重新启动。</translation>
    </message>
    <message>
        <source>The local API server is not serving: port %1 is refused by the system, as a security policy may keep it from programs like this one. Choose another port in Settings.</source>
        <translation>本地 API 服务器未提供服务：端口 %1 被系统拒绝，安全策略可能不让此类程序使用它。请在设置中换一个端口。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::AppSettings</name>
    <message>
        <source>read-only file system</source>
        <translation>只读文件系统</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
</context>
<context>
    <name>rwkv::app::BundleImportController</name>
    <message>
        <source>size unknown</source>
        <translation>大小未知</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” was not imported: %2</source>
        <translation>未导入“%1”：%2</translation>
    </message>
    <message>
        <source>Imported “%1” (1 message).</source>
        <translation>已导入“%1”（1 条消息）。</translation>
    </message>
    <message>
        <source>Imported “%1” (%2 messages).</source>
        <translation>已导入“%1”（%2 条消息）。</translation>
    </message>
    <message>
        <source>It was made with %1, which is in your models folder: load it to continue where it left off.</source>
        <translation>它是用 %1 生成的，该模型就在你的模型文件夹中：加载它即可从上次中断处继续。</translation>
    </message>
    <message>
        <source>It was made with %1, which is not here and not in the model catalog.</source>
        <translation>它是用 %1 生成的，但这台电脑上没有该模型，模型目录中也没有。</translation>
    </message>
    <message>
        <source>Downloading %1 — see Models for progress; it loads when it is verified.</source>
        <translation>正在下载 %1 — 进度见“模型”页面；校验通过后会自动加载。</translation>
    </message>
    <message>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <source>“%1” is a model file (%2), not a conversation: nothing was imported. Open models with the model button (top right) or on the Models page.</source>
        <translation>“%1”是模型文件（%2），不是对话：没有导入任何内容。请用右上角的模型按钮或在“模型”页面打开模型。</translation>
    </message>
    <message>
        <source>“%1” is neither a conversation bundle (.rwkvchat) nor a JSON export: nothing was imported.</source>
        <translation>“%1”既不是对话包（.rwkvchat），也不是 JSON 导出文件：没有导入任何内容。</translation>
    </message>
    <message>
        <source>Nothing was exported: that conversation is no longer in your library.</source>
        <translation>未导出任何内容：这个对话已不在你的对话库中。</translation>
    </message>
    <message>
        <source>Nothing was exported: “%1” is a conversation database, which an export never replaces. Choose another name.</source>
        <translation>未导出任何内容：“%1”是对话数据库，导出绝不会覆盖它。请换一个文件名。</translation>
    </message>
    <message>
        <source>“%1” was not exported: %2</source>
        <translation>未导出“%1”：%2</translation>
    </message>
    <message>
        <source>Saved “%1” as Markdown: %2</source>
        <translation>已将“%1”保存为 Markdown：%2</translation>
    </message>
    <message>
        <source>Saved “%1” as a JSON export: %2</source>
        <translation>已将“%1”保存为 JSON 导出文件：%2</translation>
    </message>
    <message>
        <source>Saved “%1” as a conversation bundle, to continue it elsewhere with Import…: %2</source>
        <translation>已将“%1”保存为对话包，可在别处用“导入…”继续：%2</translation>
    </message>
    <message>
        <source>Could not write “%1”: %2. Nothing was written.</source>
        <translation>无法写入“%1”：%2。没有写入任何内容。</translation>
    </message>
    <message>
        <source>the disk is full or the file cannot grow (%1 needed, %2 free)</source>
        <translation>磁盘已满或文件无法变大（需要 %1，剩余 %2）</translation>
    </message>
    <message>
        <source>Could not write “%1”: there is no folder “%2”. Nothing was written.</source>
        <translation>无法写入“%1”：没有文件夹“%2”。没有写入任何内容。</translation>
    </message>
    <message>
        <source>Importing “%1”…</source>
        <translation>正在导入“%1”…</translation>
    </message>
    <message>
        <source>“%1” is already in your library (this file was exported from it or imported before): opened it.</source>
        <translation>“%1”已在你的对话库中（这个文件是从它导出的，或之前导入过），已为你打开。</translation>
    </message>
    <message>
        <source>Its title was cut to its first %1 characters.</source>
        <translation>它的标题只保留了前 %1 个字符。</translation>
    </message>
    <message>
        <source>Could not write “%1”: the name is too long (%2 bytes of UTF-8, where a file name may have at most %3). Choose a shorter name. Nothing was written.</source>
        <translation>无法写入“%1”：名称太长（UTF-8 编码 %2 字节，而文件名最多 %3 字节）。请换一个短一些的名称。没有写入任何内容。</translation>
    </message>
    <message>
        <source>Next: %1.</source>
        <translation>接下来：%1。</translation>
    </message>
    <message>
        <source>It was made with %1, which is not on this computer: Models downloads it.</source>
        <translation>它是用 %1 生成的，这台电脑上没有该模型：可在“模型”页面下载。</translation>
    </message>
    <message>
        <source>It was made with %1, the demo model that comes with the app: choose Use on its row in Models → On this computer to continue where it left off.</source>
        <translation>它是用 %1 生成的，即应用内置的演示模型：在“模型”→“本机上的模型”中它那一行点“使用”，即可从上次中断处继续。</translation>
    </message>
    <message>
        <source>“%1” is already in your library (this file was exported from it or imported before).</source>
        <translation>“%1”已在你的对话库中（这个文件是从它导出的，或之前导入过）。</translation>
    </message>
    <message>
        <source>Its saved state was damaged and was left out: the chat reads its text again the first time you continue it.</source>
        <translation>它保存的状态已损坏，未被导入：你第一次继续这个对话时，会重新读取它的文字。</translation>
    </message>
    <message>
        <source>Its saved state is in a form this version cannot read (perhaps made by a newer RWKV Desktop) and was left out: the chat reads its text again the first time you continue it.</source>
        <translation>它保存的状态采用了这个版本无法读取的格式（可能由更新版本的 RWKV 桌面版生成），未被导入：你第一次继续这个对话时，会重新读取它的文字。</translation>
    </message>
    <message>
        <source>It had no saved state: this file&apos;s was added.</source>
        <translation>它原来没有保存的状态：已加入这个文件中的状态。</translation>
    </message>
    <message>
        <source>This file&apos;s saved state is in a form this version cannot read (perhaps made by a newer RWKV Desktop); the chat in your library is unchanged.</source>
        <translation>这个文件保存的状态采用了这个版本无法读取的格式（可能由更新版本的 RWKV 桌面版生成）；你库中的对话没有改变。</translation>
    </message>
    <message>
        <source>This file&apos;s saved state is damaged; the chat in your library is unchanged.</source>
        <translation>这个文件保存的状态已损坏；你库中的对话没有改变。</translation>
    </message>
    <message>
        <source>“%1” is neither a conversation bundle (.rwkvchat) nor a JSON export: it is %2. Nothing was imported.</source>
        <translation>“%1”既不是对话包（.rwkvchat），也不是 JSON 导出文件：它是%2。没有导入任何内容。</translation>
    </message>
    <message>
        <source>Its starting state %1 was damaged and was left out: choose that state-tuning file again (⋯ → Starting state…) when the chat asks for it.</source>
        <translation>它的起始状态 %1 已损坏，未被导入：对话要求时，请重新选择那个状态微调文件（⋯ → 起始状态…）。</translation>
    </message>
    <message>
        <source>Its starting state %1 could not be read: this file&apos;s was added.</source>
        <translation>它的起始状态 %1 无法读取：已加入这个文件中的起始状态。</translation>
    </message>
    <message>
        <source>It is in a new folder, “%1”.</source>
        <translation>它已放入新建的文件夹“%1”。</translation>
    </message>
    <message>
        <source>It is in the folder “%1”.</source>
        <translation>它已放入文件夹“%1”。</translation>
    </message>
    <message>
        <source>Its folder “%1” could not be made here, so it is in no folder: %2</source>
        <translation>无法在这里创建它的文件夹“%1”，因此它不在任何文件夹中：%2</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ChatController</name>
    <message>
        <source>New chat</source>
        <translation>新对话</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>No model loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>Load a model before sending a message.</source>
        <translation>请先加载模型，再发送消息。</translation>
    </message>
    <message>
        <source>The model is still loading. Please wait a moment.</source>
        <translation>模型仍在加载，请稍候。</translation>
    </message>
    <message>
        <source>A reply is still being written. Wait for it or press Stop.</source>
        <translation>回复仍在生成中。请等待完成，或点击“停止”。</translation>
    </message>
    <message>
        <source>The message is empty. Type something before sending.</source>
        <translation>消息为空。请先输入内容再发送。</translation>
    </message>
    <message>
        <source>Could not create the conversation: %1</source>
        <translation>无法创建对话：%1</translation>
    </message>
    <message>
        <source>Thinking…</source>
        <translation>思考中…</translation>
    </message>
    <message>
        <source>That conversation no longer exists.</source>
        <translation>该对话已不存在。</translation>
    </message>
    <message>
        <source>A conversation needs a title.</source>
        <translation>对话需要一个标题。</translation>
    </message>
    <message>
        <source>Could not rename the conversation: %1</source>
        <translation>无法重命名对话：%1</translation>
    </message>
    <message>
        <source>Could not delete the conversation: %1</source>
        <translation>无法删除对话：%1</translation>
    </message>
    <message>
        <source>Stop the reply before changing the model.</source>
        <translation>请先停止回复，再更换模型。</translation>
    </message>
    <message>
        <source>A model is already loading. Please wait a moment.</source>
        <translation>已有模型正在加载，请稍候。</translation>
    </message>
    <message>
        <source>The model file “%1” does not exist.</source>
        <translation>模型文件“%1”不存在。</translation>
    </message>
    <message>
        <source>Could not read the conversations: %1</source>
        <translation>无法读取对话列表：%1</translation>
    </message>
    <message>
        <source>Could not read the messages: %1</source>
        <translation>无法读取消息：%1</translation>
    </message>
    <message>
        <source>Could not load “%1”: %2. Still using %3.</source>
        <translation>无法加载“%1”：%2。仍在使用 %3。</translation>
    </message>
    <message>
        <source>Could not load “%1”: %2</source>
        <translation>无法加载“%1”：%2</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>The reply failed: %1</source>
        <translation>回复失败：%1</translation>
    </message>
    <message>
        <source>Stopped before the reply began</source>
        <translation>在回复开始前已停止</translation>
    </message>
    <message>
        <source>%1 tokens at %2 tok/s</source>
        <translation>%1 个 token，%2 token/秒</translation>
    </message>
    <message>
        <source>new conversation, read %1 tokens</source>
        <translation>新对话，读取了 %1 个 token</translation>
    </message>
    <message>
        <source>resumed from saved state, read %1 new tokens</source>
        <translation>从保存的状态继续，读取了 %1 个新 token</translation>
    </message>
    <message>
        <source>re-read %1 tokens (%2)</source>
        <translation>重新读取了 %1 个 token（%2）</translation>
    </message>
    <message>
        <source>also read the %1 unanswered questions above</source>
        <translation>同时读取了上面 %1 条未获回复的提问</translation>
    </message>
    <message>
        <source>also read the unanswered question above</source>
        <translation>同时读取了上面未获回复的提问</translation>
    </message>
    <message>
        <source>Stopped · %1</source>
        <translation>已停止 · %1</translation>
    </message>
    <message>
        <source>too little disk space: the state was not saved, the next reply re-reads the conversation</source>
        <translation>磁盘空间不足：状态未保存，下一次回复将重新读取对话</translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) of this and other chats dropped to make room for the text, and this reply&apos;s state was not saved either; a chat without one re-reads its text when continued</source>
        <translation>
            <numerusform>磁盘空间不足：为保存文字删除了本对话及其他对话的 %n 个已保存状态，本次回复的状态也未保存；没有状态的对话继续时会重新读取其文字</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) of this and other chats dropped to make room for the text; a chat without one re-reads its text when continued</source>
        <translation>
            <numerusform>磁盘空间不足：为保存文字删除了本对话及其他对话的 %n 个已保存状态；没有状态的对话继续时会重新读取其文字</numerusform>
        </translation>
    </message>
    <message>
        <source>too little disk space: state not saved</source>
        <translation>磁盘空间不足：状态未保存</translation>
    </message>
    <message>
        <source>database damaged: state not saved</source>
        <translation>数据库已损坏：状态未保存</translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) dropped</source>
        <translation>
            <numerusform>磁盘空间不足：删除了 %n 个已保存状态</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>too little disk space: %n saved state(s) dropped, this reply&apos;s not saved</source>
        <translation>
            <numerusform>磁盘空间不足：删除了 %n 个已保存状态，本次回复的状态未保存</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is a folder, not a model file.</source>
        <translation>“%1”是一个文件夹，不是模型文件。</translation>
    </message>
    <message>
        <source>The model file “%1” is a link that points to itself (too many levels of symbolic links), so it names no file. Point it at the model file, or choose the file itself.</source>
        <translation>模型文件“%1”是一个指向自身的链接（符号链接层级过多），因此不指向任何文件。请让它指向模型文件，或直接选择该文件。</translation>
    </message>
    <message>
        <source>byte tokenizer</source>
        <translation>字节分词器</translation>
    </message>
    <message>
        <source>World tokenizer</source>
        <translation>World 分词器</translation>
    </message>
    <message>
        <source>%1 tokenizer</source>
        <translation>%1 分词器</translation>
    </message>
    <message>
        <source>Writing another reply…</source>
        <translation>正在写另一条回复…</translation>
    </message>
    <message>
        <source>Wait for the reply (or press Stop) before switching branches.</source>
        <translation>请等待回复完成（或点击“停止”）后再切换版本。</translation>
    </message>
    <message>
        <source>The conversation library is read-only, so new messages cannot be saved. Make %1 and its folder writable, then restart RWKV Desktop.</source>
        <translation>对话库为只读，新消息无法保存。请让 %1 及其所在文件夹可写，然后重新启动 RWKV 桌面版。</translation>
    </message>
    <message>
        <source>The conversation library opened read-only because %1 cannot be written now (%2), so new messages cannot be saved. Free some space on its disk, then restart RWKV Desktop.</source>
        <translation>对话库已以只读方式打开：%1 现在无法写入（%2），新消息无法保存。请释放其所在磁盘的空间，然后重新启动 RWKV 桌面版。</translation>
    </message>
    <message>
        <source>Your message will be sent as soon as %1 has loaded.</source>
        <translation>%1 加载完成后，你的消息会立即发送。</translation>
    </message>
    <message>
        <source>Your message was not sent: it is still in the message box.</source>
        <translation>你的消息没有发送：它仍在输入框中。</translation>
    </message>
    <message>
        <source>There is no sampling preset named “%1”.</source>
        <translation>没有名为“%1”的采样预设。</translation>
    </message>
    <message>
        <source>Could not change the sampling preset: %1</source>
        <translation>无法更改采样预设：%1</translation>
    </message>
    <message>
        <source>Your message was not sent: it is back in the message box.</source>
        <translation>你的消息没有发送：它已放回输入框中。</translation>
    </message>
    <message>
        <source>Reading the conversation… %1 / %2 tokens</source>
        <translation>正在重新读取对话… %1 / %2 个 token</translation>
    </message>
    <message>
        <source>Reading the prompt… %1%</source>
        <translation>正在读取输入… %1%</translation>
    </message>
    <message>
        <source>Chat “%1” is damaged: %2 of its messages could not be read as they were saved and are shown as well as they can be (one whose kind is unreadable as yours). You can still read, continue, export or delete this chat.</source>
        <translation>对话“%1”已损坏：其中 %2 条消息无法按保存时的样子读出，现尽量显示（无法识别类型的消息显示为你的消息）。你仍然可以阅读、继续、导出或删除这个对话。</translation>
    </message>
    <message>
        <source>There is room again: the reply is saved.</source>
        <translation>磁盘又有空间了：这条回复已保存。</translation>
    </message>
    <message>
        <source>This reply is not saved yet: the disk holding the conversation database %1 is full.</source>
        <translation>这条回复尚未保存：存放对话数据库 %1 的磁盘已满。</translation>
    </message>
    <message>
        <source>It stays on screen and is saved by itself as soon as there is room (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if you cannot free space.</source>
        <translation>它会留在屏幕上，一旦有空间就会自动保存（每隔几秒以及发送下一条消息时都会重试）；在此之前关闭窗口时会先询问你。如果你无法腾出空间，请现在复制它。</translation>
    </message>
    <message>
        <source>Chat “%1” is damaged: the order of its messages loops (a message is saved as a reply to one of its own replies), so it is shown from where the loop closes, each message once. Nothing was changed or deleted. You can still read, continue, export or delete this chat.</source>
        <translation>对话“%1”已损坏：其中消息的先后顺序形成了循环（某条消息被保存为它自己的某条回复的回复），所以从循环闭合处开始显示，每条消息只显示一次。没有更改或删除任何内容。你仍然可以阅读、继续、导出或删除这个对话。</translation>
    </message>
    <message>
        <source>Chat “%1” is damaged: a message is saved as a reply to a message that does not exist, so it is shown as a first message; the chat&apos;s other first messages are its other versions (‹ ›). Nothing was changed or deleted. You can still read, continue, export or delete this chat.</source>
        <translation>对话“%1”已损坏：某条消息被保存为一条不存在的消息的回复，所以它显示为第一条消息；这个对话的其他第一条消息是它的其他版本（‹ ›）。没有更改或删除任何内容。你仍然可以阅读、继续、导出或删除这个对话。</translation>
    </message>
    <message>
        <source>The other program let go of the conversation database: the reply is saved.</source>
        <translation>另一个程序已不再占用对话数据库：这条回复已保存。</translation>
    </message>
    <message>
        <source>This reply is not saved yet: another program is using the conversation database %1.</source>
        <translation>这条回复尚未保存：另一个程序正在使用对话数据库 %1。</translation>
    </message>
    <message>
        <source>It stays on screen and is saved by itself as soon as that program lets go of the database (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if you cannot close that program.</source>
        <translation>它会留在屏幕上，一旦那个程序不再占用数据库就会自动保存（每隔几秒以及发送下一条消息时都会重试）；在此之前关闭窗口时会先询问你。如果你无法关闭那个程序，请现在复制它。</translation>
    </message>
    <message>
        <source>The model file cannot be loaded: %1.</source>
        <translation>无法加载模型文件：%1。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the new chat was not started.</source>
        <translation>另一个程序正在使用对话数据库 %1，所以新对话没有创建。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the chat was not renamed: it keeps the name “%2”. Try again once that program lets go of the database.</source>
        <translation>另一个程序正在使用对话数据库 %1，所以对话没有重命名：它仍叫“%2”。等那个程序不再占用数据库后再试一次。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the chat “%2” was not moved to the trash: it is kept as it was. Try again once that program lets go of the database.</source>
        <translation>另一个程序正在使用对话数据库 %1，所以对话“%2”没有移到回收站：它原样保留。等那个程序不再占用数据库后再试一次。</translation>
    </message>
    <message>
        <source>Saving the reply before closing…</source>
        <translation>正在保存回复，保存后关闭…</translation>
    </message>
    <message>
        <source>The model file “%1” does not exist any more, so the changed settings were not applied: %2 stays in use as it was loaded. They apply when you choose a model.</source>
        <translation>模型文件“%1”已不存在，所以更改的设置没有生效：%2 仍按原来的方式加载并在使用。设置将在你选择模型时生效。</translation>
    </message>
    <message>
        <source>The model file “%1” does not exist. Still using %2.</source>
        <translation>模型文件“%1”不存在。仍在使用 %2。</translation>
    </message>
    <message>
        <source>Could not load “%1” again with the changed settings: %2. It stays in use as it was loaded.</source>
        <translation>无法用更改后的设置重新加载“%1”：%2。它仍按原来的方式加载并在使用。</translation>
    </message>
    <message>
        <source>The model file “%1” cannot be opened by its name: the name, or a folder&apos;s on its path, has bytes that are not UTF-8 text (shown as �). Rename it to open it here.</source>
        <translation>无法按名称打开模型文件“%1”：它的名称（或其路径上某个文件夹的名称）含有不是 UTF-8 文本的字节（显示为 �）。重命名后才能在这里打开。</translation>
    </message>
    <message>
        <source>Still using %1.</source>
        <translation>仍在使用 %1。</translation>
    </message>
    <message numerus="yes">
        <source>about %n s left</source>
        <translation>
            <numerusform>还剩约 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n min left</source>
        <translation>
            <numerusform>还剩约 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 token/秒</translation>
    </message>
    <message>
        <source>Your message and the reply were saved, but the reply&apos;s state could not be written: the conversation database %1 is damaged. Nothing was lost: the next reply re-reads this conversation from its text. RWKV Desktop checks the file when it starts again: damaged saved states are cleared then, and a file it cannot read is named, with the offer to move it aside and start fresh.</source>
        <translation>你的消息和回复已保存，但回复的状态无法写入：对话数据库 %1 已损坏。没有丢失任何内容：下一次回复会从文本重新读取这个对话。RWKV 桌面版下次启动时会检查该文件：损坏的已保存状态届时会被清除；无法读取的文件会被指出，并提供将其移到一旁、重新开始的选项。</translation>
    </message>
    <message>
        <source>database damaged: the state was not saved, the next reply re-reads the conversation</source>
        <translation>数据库已损坏：状态未保存，下一次回复将重新读取对话</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Send once it has ended, or stop it there; your message stays in the box.</source>
        <translation>“%1”中正在写回复。请等它写完再发送，或到那里停止它；你的消息仍留在输入框中。</translation>
    </message>
    <message>
        <source>Stop the reply before deleting “%1”.</source>
        <translation>请先停止回复，再删除“%1”。</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Stop it there before deleting that conversation.</source>
        <translation>“%1”中正在写回复。请先到那里停止它，再删除该对话。</translation>
    </message>
    <message>
        <source>Your message could not be saved: %1</source>
        <translation>你的消息无法保存：%1</translation>
    </message>
    <message>
        <source>This chat was deleted by another program; your message is back in the box.</source>
        <translation>这个对话已被另一个程序删除；你的消息已放回输入框。</translation>
    </message>
    <message>
        <source>The reply in “%1” could not be saved: that conversation was deleted by another program.</source>
        <translation>“%1”中的回复无法保存：该对话已被另一个程序删除。</translation>
    </message>
    <message>
        <source>The reply in “%1” failed: %2</source>
        <translation>“%1”中的回复失败：%2</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>The reply in “%1” is not saved yet: another program is using the conversation database %2.</source>
        <translation>“%1”中的回复尚未保存：另一个程序正在使用对话数据库 %2。</translation>
    </message>
    <message>
        <source>The reply in “%1” is not saved yet: the disk holding the conversation database %2 is full.</source>
        <translation>“%1”中的回复尚未保存：存放对话数据库 %2 的磁盘已满。</translation>
    </message>
    <message>
        <source>The other program let go of the conversation database: the reply in “%1” is saved.</source>
        <translation>另一个程序已不再占用对话数据库：“%1”中的回复已保存。</translation>
    </message>
    <message>
        <source>There is room again: the reply in “%1” is saved.</source>
        <translation>磁盘又有空间了：“%1”中的回复已保存。</translation>
    </message>
    <message>
        <source>This reply is not saved yet: the conversation database %1 could not be written.</source>
        <translation>这条回复尚未保存：无法写入对话数据库 %1。</translation>
    </message>
    <message>
        <source>The reply in “%1” is not saved yet: the conversation database %2 could not be written.</source>
        <translation>“%1”中的回复尚未保存：无法写入对话数据库 %2。</translation>
    </message>
    <message>
        <source>It stays on screen and is saved by itself as soon as the file can be written again (tried again every few seconds and at the next message); closing the window before that asks first. Copy it now if the disk or the file stays unwritable.</source>
        <translation>它会留在屏幕上，一旦文件可以再次写入就会自动保存（每隔几秒以及发送下一条消息时都会重试）；在此之前关闭窗口时会先询问你。如果磁盘或文件一直无法写入，请现在复制它。</translation>
    </message>
    <message>
        <source>The reply in “%1” is saved.</source>
        <translation>“%1”中的回复已保存。</translation>
    </message>
    <message>
        <source>The reply is saved.</source>
        <translation>这条回复已保存。</translation>
    </message>
    <message>
        <source>another reply to the first question, read %1 tokens</source>
        <translation>为第一个问题重新生成回复，读取了 %1 个 token</translation>
    </message>
    <message>
        <source>first question edited, read %1 tokens</source>
        <translation>编辑了第一个问题，读取了 %1 个 token</translation>
    </message>
    <message>
        <source>Stop the reply before changing the instructions of “%1”.</source>
        <translation>请先停止回复，再更改“%1”的指令。</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Stop it there before changing its instructions.</source>
        <translation>“%1”中正在写回复。请先在那里停止它，再更改它的指令。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the instructions of “%2” were not changed. Try again once that program lets go of the database.</source>
        <translation>另一个程序正在使用对话数据库 %1，所以“%2”的指令没有更改。等那个程序不再占用数据库后再试一次。</translation>
    </message>
    <message>
        <source>Could not change the instructions: %1</source>
        <translation>无法更改指令：%1</translation>
    </message>
    <message>
        <source>Instructions hold at most %L1 characters; these have %L2. They were not changed.</source>
        <translation>指令最多 %L1 个字符，这些指令有 %L2 个。指令未更改。</translation>
    </message>
    <message>
        <source>Stop the reply before changing the starting state of “%1”.</source>
        <translation>请先停止回复，再更改“%1”的起始状态。</translation>
    </message>
    <message>
        <source>A reply is being written in “%1”. Stop it there before changing its starting state.</source>
        <translation>“%1”中正在写回复。请先在那里停止它，再更改它的起始状态。</translation>
    </message>
    <message>
        <source>%1 cannot be a starting state: %2</source>
        <translation>%1 不能作为起始状态：%2</translation>
    </message>
    <message>
        <source>Could not change the starting state: %1</source>
        <translation>无法更改起始状态：%1</translation>
    </message>
    <message>
        <source>read from the start, %1 tokens</source>
        <translation>从头读取，%1 个 token</translation>
    </message>
    <message>
        <source>From here: %1</source>
        <translation>从这里开始：%1</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so no new chat was made. Try again once that program lets go of the database.</source>
        <translation>另一个程序正在使用对话数据库 %1，所以没有开新对话。等那个程序不再占用数据库后再试一次。</translation>
    </message>
    <message>
        <source>Could not make a new chat from here: %1</source>
        <translation>无法从这里开新对话：%1</translation>
    </message>
    <message>
        <source>%1, from the starting state %2</source>
        <translation>%1，从起始状态 %2 开始</translation>
    </message>
    <message>
        <source>RWKV Desktop is freeing the space used by saved states (Settings → Folders); try again once it has finished.</source>
        <translation>RWKV 桌面版正在释放保存的状态占用的空间（设置 → 文件夹）；完成后请再试一次。</translation>
    </message>
    <message>
        <source>Continuing the reply…</source>
        <translation>正在接着写回复…</translation>
    </message>
    <message>
        <source>the first reply continued, read %1 tokens</source>
        <translation>接着写了第一条回复，读取了 %1 个 token</translation>
    </message>
    <message>
        <source>Writing %1 replies…</source>
        <translation>正在写 %1 条回复…</translation>
    </message>
    <message>
        <source>Waiting for a Local API request to finish…</source>
        <translation>正在等待本地 API 请求完成…</translation>
    </message>
    <message>
        <source>A reply in “%1” is waiting for a Local API request. Send once it has ended, or stop it there; your message stays in the box.</source>
        <translation>“%1”中的回复正在等待本地 API 请求。请等它结束再发送，或到那里停止它；你的消息仍留在输入框中。</translation>
    </message>
    <message numerus="yes">
        <source>about %n h left</source>
        <translation>
            <numerusform>还剩约 %n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>Reply %1 of %2 is not saved yet: the conversation database %3 could not be written.</source>
        <translation>第 %1 个回复（共 %2 个）尚未保存：无法写入对话数据库 %3。</translation>
    </message>
    <message>
        <source>Replies %1 of %2 are not saved yet: the conversation database %3 could not be written.</source>
        <translation>第 %1 个回复（共 %2 个）尚未保存：无法写入对话数据库 %3。</translation>
    </message>
    <message>
        <source>They stay on screen and are saved by themselves as soon as the file can be written again (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if the disk or the file stays unwritable.</source>
        <translation>它们会留在屏幕上，一旦文件可以再次写入就会自动保存（每隔几秒以及发送下一条消息时都会重试）；在此之前关闭窗口时会先询问你。如果磁盘或文件一直无法写入，请现在复制它们。</translation>
    </message>
    <message>
        <source>Reply %1 of %2 is not saved yet: another program is using the conversation database %3.</source>
        <translation>第 %1 个回复（共 %2 个）尚未保存：另一个程序正在使用对话数据库 %3。</translation>
    </message>
    <message>
        <source>Replies %1 of %2 are not saved yet: another program is using the conversation database %3.</source>
        <translation>第 %1 个回复（共 %2 个）尚未保存：另一个程序正在使用对话数据库 %3。</translation>
    </message>
    <message>
        <source>They stay on screen and are saved by themselves as soon as that program lets go of the database (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if you cannot close that program.</source>
        <translation>它们会留在屏幕上，一旦那个程序不再占用数据库就会自动保存（每隔几秒以及发送下一条消息时都会重试）；在此之前关闭窗口时会先询问你。如果你无法关闭那个程序，请现在复制它们。</translation>
    </message>
    <message>
        <source>Reply %1 of %2 is not saved yet: the disk holding the conversation database %3 is full.</source>
        <translation>第 %1 个回复（共 %2 个）尚未保存：存放对话数据库 %3 的磁盘已满。</translation>
    </message>
    <message>
        <source>Replies %1 of %2 are not saved yet: the disk holding the conversation database %3 is full.</source>
        <translation>第 %1 个回复（共 %2 个）尚未保存：存放对话数据库 %3 的磁盘已满。</translation>
    </message>
    <message>
        <source>They stay on screen and are saved by themselves as soon as there is room (tried again every few seconds and at the next message); closing the window before that asks first. Copy them now if you cannot free space.</source>
        <translation>它们会留在屏幕上，一旦有空间就会自动保存（每隔几秒以及发送下一条消息时都会重试）；在此之前关闭窗口时会先询问你。如果你无法腾出空间，请现在复制它们。</translation>
    </message>
    <message>
        <source>The reply could not be saved: the conversation database %1 is damaged. Your message was saved, but of the reply only the start saved while it was written is kept, marked Unfinished: copy the reply on screen if you need it. When RWKV Desktop starts again it checks the whole file: it mends what it can without losing anything, or else offers to recover the chats that can still be read.</source>
        <translation>回复无法保存：对话数据库 %1 已损坏。你的消息已保存，但回复只保留了生成过程中已保存的开头部分，并标为“未完成”：如需要，请复制屏幕上的回复。RWKV 桌面版下次启动时会检查整个文件：能在不丢失任何内容的情况下修复的会被修复，否则会提供恢复仍能读取的对话的选项。</translation>
    </message>
    <message>
        <source>Reply %1 of %2:</source>
        <translation>第 %1 个回复（共 %2 个）：</translation>
    </message>
    <message>
        <source>If you quit now, it is lost.</source>
        <translation>如果现在退出，它就会丢失。</translation>
    </message>
    <message>
        <source>If you quit now, %1 of its %2 characters are lost, and the database keeps the first %3, saved before, as an unfinished reply.</source>
        <translation>如果现在退出，它的 %2 个字符中有 %1 个会丢失，数据库以未完成的回复保留此前已保存的前 %3 个。</translation>
    </message>
    <message>
        <source>If you quit now, %1 of the %2 characters of its %3 versions are lost, and the database keeps the other %4, each version&apos;s first ones saved before, as unfinished versions.</source>
        <translation>如果现在退出，它的 %3 个版本共 %2 个字符中有 %1 个会丢失，数据库以未完成的版本保留其余 %4 个（各版本此前已保存的开头）。</translation>
    </message>
    <message>
        <source>The conversation database %1 could not be written, so the last reply is not saved. %2 Check the disk and the file, then click Try again, or copy the reply to keep it elsewhere.</source>
        <translation>无法写入对话数据库 %1，所以最后一条回复没有保存。%2请检查磁盘和该文件后点击“重试”，或者复制这条回复，把它保存到别处。</translation>
    </message>
    <message>
        <source>Another program is using the conversation database %1, so the last reply is not saved. %2 Close that program and click Try again, or copy the reply to keep it elsewhere.</source>
        <translation>另一个程序正在使用对话数据库 %1，所以最后一条回复没有保存。%2请关闭那个程序后点击“重试”，或者复制这条回复，把它保存到别处。</translation>
    </message>
    <message>
        <source>The disk holding the conversation database %1 is full, so the last reply is not saved. %2 Free some space and click Try again, or copy the reply to keep it elsewhere.</source>
        <translation>存放对话数据库 %1 的磁盘已满，所以最后一条回复没有保存。%2请腾出一些空间后点击“重试”，或者复制这条回复，把它保存到别处。</translation>
    </message>
    <message>
        <source>Instructions hold at most %L1 characters, an emoji, a flag or some accented letters counting as 2 or more; these have %L2 counted so (%L3 as you read them). They were not changed.</source>
        <translation>指令最多 %L1 个字符，一个表情符号、一面旗帜或某些带重音的字母按 2 个或更多计算；这样计算，这些指令有 %L2 个（你看到的是 %L3 个）。指令未更改。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ChatSession</name>
    <message>
        <source>the cut-off reply is read again as text</source>
        <translation>被中断的回复会作为文本重新读入</translation>
    </message>
    <message>
        <source>no saved state</source>
        <translation>没有保存的状态</translation>
    </message>
    <message>
        <source>saved state belongs to another model</source>
        <translation>保存的状态属于另一个模型</translation>
    </message>
    <message>
        <source>saved state was made with %1 %2, this run uses %3 %4</source>
        <translation>保存的状态由 %1 %2 生成，本次运行使用 %3 %4</translation>
    </message>
    <message>
        <source>The message is empty. Type something before sending.</source>
        <translation>消息为空。请先输入内容再发送。</translation>
    </message>
    <message>
        <source>The reply length must be at least one token.</source>
        <translation>回复长度至少为一个 token。</translation>
    </message>
    <message>
        <source>Conversation %1 does not exist.</source>
        <translation>对话 %1 不存在。</translation>
    </message>
    <message>
        <source>Message %1 is not in conversation %2.</source>
        <translation>消息 %1 不在对话 %2 中。</translation>
    </message>
    <message>
        <source>Message %1 is a question; a new message can only follow a reply.</source>
        <translation>消息 %1 是一条提问；新消息只能接在回复之后。</translation>
    </message>
    <message>
        <source>Only a reply to a question can be generated again.</source>
        <translation>只有对提问的回复才能重新生成。</translation>
    </message>
    <message>
        <source>Message %1 is not a question in conversation %2.</source>
        <translation>消息 %1 不是对话 %2 中的提问。</translation>
    </message>
    <message>
        <source>re-reading 1 message</source>
        <translation>重新读取 1 条消息</translation>
    </message>
    <message>
        <source>re-reading %1 messages</source>
        <translation>重新读取 %1 条消息</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>the saved state was damaged; nothing was lost</source>
        <translation>保存的状态已损坏，没有丢失任何内容</translation>
    </message>
    <message>
        <source>the database&apos;s list of saved states is damaged</source>
        <translation>数据库中保存状态的列表已损坏</translation>
    </message>
    <message>
        <source>also read the unanswered question before this one (its reading had been cut off)</source>
        <translation>同时读取了这条之前未获回复的提问（它的读取曾被中断）</translation>
    </message>
    <message>
        <source>also read the %1 unanswered questions before this one (their reading had been cut off)</source>
        <translation>同时读取了这条之前 %1 条未获回复的提问（它们的读取曾被中断）</translation>
    </message>
    <message>
        <source>the instructions changed</source>
        <translation>指令已更改</translation>
    </message>
    <message>
        <source>the starting state changed</source>
        <translation>起始状态已更改</translation>
    </message>
    <message>
        <source>This chat starts from the state-tuning file %1, which cannot be read now (%2 is gone or unreadable): put it back, or choose another starting state.</source>
        <translation>此对话从状态微调文件 %1 开始，但现在无法读取它（%2 已不存在或无法读取）：请把它放回原处，或选择其他起始状态。</translation>
    </message>
    <message>
        <source>This chat starts from the state-tuning file %1, which is there but damaged now: %2 Put a good copy back at %3, or choose another starting state. Details: %4</source>
        <translation>此对话从状态微调文件 %1 开始，该文件仍在，但现已损坏：%2请将完好的副本放回 %3，或选择其他起始状态。详细信息：%4</translation>
    </message>
    <message>
        <source>This chat starts from the state-tuning file %1, which has changed since it was chosen (sha256 %2…, now %3…): choose it again to start from it as it is now.</source>
        <translation>此对话从状态微调文件 %1 开始，但它在选定之后已被更改（sha256 原为 %2…，现为 %3…）：如要从它现在的内容开始，请重新选择它。</translation>
    </message>
    <message>
        <source>Message %1 is not a reply; only a reply can be continued.</source>
        <translation>消息 %1 不是回复；只有回复才能接着写。</translation>
    </message>
    <message>
        <source>Reply %1 has no text to continue; regenerate it instead.</source>
        <translation>回复 %1 没有可接着写的文字；请改为重新生成。</translation>
    </message>
    <message>
        <source>Reply %1 ended by itself; only a reply cut off (by the length limit, Stop, closing the app, or a crash) can be continued.</source>
        <translation>回复 %1 是自行结束的；只有被截断的回复（因长度上限、停止、关闭应用或崩溃）才能接着写。</translation>
    </message>
    <message>
        <source>Only a reply to a question can be continued.</source>
        <translation>只有对提问的回复才能接着写。</translation>
    </message>
    <message>
        <source>From 1 to %1 replies can be written at once.</source>
        <translation>一次可写 1 到 %1 条回复。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::DeviceListModel</name>
    <message>
        <source>discrete GPU</source>
        <translation>独立 GPU</translation>
    </message>
    <message>
        <source>integrated GPU</source>
        <translation>集成 GPU</translation>
    </message>
    <message>
        <source>virtual GPU</source>
        <translation>虚拟 GPU</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>%1 hardware threads</source>
        <translation>%1 个硬件线程</translation>
    </message>
    <message>
        <source>Unavailable: %1</source>
        <translation>不可用：%1</translation>
    </message>
    <message>
        <source>%1 memory</source>
        <translation>%1 显存</translation>
    </message>
    <message>
        <source>compute capability %1.%2</source>
        <translation>计算能力 %1.%2</translation>
    </message>
    <message>
        <source>Unavailable: this build of RWKV Desktop has no %1 backend</source>
        <translation>不可用：此版本的 RWKV 桌面版没有 %1 后端</translation>
    </message>
    <message>
        <source>The first CUDA GPU if the model fits there, else a discrete Vulkan GPU that fits, otherwise the CPU</source>
        <translation>模型放得下时用第一块 CUDA GPU，否则用放得下的独立 Vulkan GPU，再否则用 CPU</translation>
    </message>
    <message>
        <source>Unavailable: no NVIDIA GPU driver found. Use the CPU or Vulkan.</source>
        <translation>不可用：没有找到 NVIDIA GPU 驱动程序。请使用 CPU 或 Vulkan。</translation>
    </message>
    <message>
        <source>Unavailable: the NVIDIA GPU driver is older than this build needs. Update it, or use the CPU or Vulkan.</source>
        <translation>不可用：NVIDIA GPU 驱动程序的版本低于这个版本所需。请更新驱动程序，或者使用 CPU 或 Vulkan。</translation>
    </message>
    <message>
        <source>Unavailable: no NVIDIA GPU found. Use the CPU or Vulkan.</source>
        <translation>不可用：没有找到 NVIDIA GPU。请使用 CPU 或 Vulkan。</translation>
    </message>
    <message>
        <source>software renderer on the CPU: much slower than the CPU row above</source>
        <translation>在 CPU 上运行的软件渲染器：比上面的 CPU 一行慢得多</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ForeignFile</name>
    <message>
        <source>a Git LFS pointer</source>
        <translation>一个 Git LFS 指针文件</translation>
    </message>
    <message>
        <source>a web page (HTML)</source>
        <translation>一个网页（HTML）</translation>
    </message>
    <message>
        <source>an XML document</source>
        <translation>一个 XML 文档</translation>
    </message>
    <message>
        <source>JSON text</source>
        <translation>一段 JSON 文本</translation>
    </message>
    <message>
        <source>a PNG picture</source>
        <translation>一张 PNG 图片</translation>
    </message>
    <message>
        <source>a JPEG picture</source>
        <translation>一张 JPEG 图片</translation>
    </message>
    <message>
        <source>a GIF picture</source>
        <translation>一张 GIF 图片</translation>
    </message>
    <message>
        <source>a WebP picture</source>
        <translation>一张 WebP 图片</translation>
    </message>
    <message>
        <source>a PDF document</source>
        <translation>一个 PDF 文档</translation>
    </message>
    <message>
        <source>a gzip-compressed file: unpack it first (gunzip)</source>
        <translation>一个 gzip 压缩文件：请先解压（gunzip）</translation>
    </message>
    <message>
        <source>an xz-compressed file: unpack it first (unxz)</source>
        <translation>一个 xz 压缩文件：请先解压（unxz）</translation>
    </message>
    <message>
        <source>a zstd-compressed file: unpack it first (unzstd)</source>
        <translation>一个 zstd 压缩文件：请先解压（unzstd）</translation>
    </message>
    <message>
        <source>a bzip2-compressed file: unpack it first (bunzip2)</source>
        <translation>一个 bzip2 压缩文件：请先解压（bunzip2）</translation>
    </message>
    <message>
        <source>a 7-Zip archive: unpack it first</source>
        <translation>一个 7-Zip 压缩包：请先解压</translation>
    </message>
    <message>
        <source>a RAR archive: unpack it first</source>
        <translation>一个 RAR 压缩包：请先解压</translation>
    </message>
    <message>
        <source>a tar archive: unpack it first (tar -xf)</source>
        <translation>一个 tar 归档：请先解包（tar -xf）</translation>
    </message>
    <message>
        <source>a program or library (ELF)</source>
        <translation>一个程序或库（ELF）</translation>
    </message>
    <message>
        <source>a NumPy array (.npy)</source>
        <translation>一个 NumPy 数组（.npy）</translation>
    </message>
    <message>
        <source>an HDF5 file (.h5)</source>
        <translation>一个 HDF5 文件（.h5）</translation>
    </message>
    <message>
        <source>a llama.cpp file in a format older than GGUF</source>
        <translation>一个早于 GGUF 格式的 llama.cpp 文件</translation>
    </message>
    <message>
        <source>a Python pickle</source>
        <translation>一个 Python pickle 文件</translation>
    </message>
    <message>
        <source>a conversation state saved by RWKV Desktop</source>
        <translation>一个 RWKV 桌面版保存的对话状态</translation>
    </message>
    <message>
        <source>an RWKV Desktop conversation bundle</source>
        <translation>一个 RWKV 桌面版对话包</translation>
    </message>
    <message>
        <source>a text file</source>
        <translation>一个文本文件</translation>
    </message>
</context>
<context>
    <name>rwkv::app::ImportError</name>
    <message>
        <source>the bundle is truncated or has extra bytes (%1 bytes, its header says %2)</source>
        <translation>对话包不完整或有多余的字节（%1 字节，它的文件头写的是 %2）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number</source>
        <translation>%1：“%2”不是数字</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a whole number</source>
        <translation>%1：“%2”不是整数</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is out of range</source>
        <translation>%1：“%2”超出范围</translation>
    </message>
    <message>
        <source>the JSON is damaged (%1)</source>
        <translation>JSON 已损坏（%1）</translation>
    </message>
    <message>
        <source>this is not an RWKV Desktop conversation</source>
        <translation>这不是 RWKV 桌面版的对话</translation>
    </message>
    <message>
        <source>the file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>the conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>the format version is missing</source>
        <translation>缺少格式版本</translation>
    </message>
    <message>
        <source>it was written by a newer RWKV Desktop (format version %1)</source>
        <translation>它由更新版本的 RWKV 桌面版写成（格式版本 %1）</translation>
    </message>
    <message>
        <source>the conversation is missing from the file</source>
        <translation>文件中没有对话</translation>
    </message>
    <message>
        <source>the think mode %1 is unknown</source>
        <translation>未知的思考模式 %1</translation>
    </message>
    <message>
        <source>the message list is missing</source>
        <translation>缺少消息列表</translation>
    </message>
    <message>
        <source>&quot;messages&quot; is not a list</source>
        <translation>“messages” 不是列表</translation>
    </message>
    <message>
        <source>message %1</source>
        <translation>第 %1 条消息</translation>
    </message>
    <message>
        <source>%1 is not an object</source>
        <translation>%1不是对象</translation>
    </message>
    <message>
        <source>%1 has a missing or repeated id</source>
        <translation>%1的 id 缺失或重复</translation>
    </message>
    <message>
        <source>%1 names a parent that does not come before it</source>
        <translation>%1的上级消息不在它之前</translation>
    </message>
    <message>
        <source>%1 has the unknown role &quot;%2&quot;</source>
        <translation>%1的角色“%2”未知</translation>
    </message>
    <message>
        <source>%1 is a question whose parent, message %2, is a question too (a question follows a reply)</source>
        <translation>%1是提问，它的上级第 %2 条消息也是提问（提问只能跟在回复之后）</translation>
    </message>
    <message>
        <source>%1 has no text</source>
        <translation>%1没有文本</translation>
    </message>
    <message>
        <source>this is a model file (%1), not a conversation (open models with the model button or on the Models page)</source>
        <translation>这是模型文件（%1），不是对话（请用模型按钮或在“模型”页面打开模型）</translation>
    </message>
    <message>
        <source>this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export</source>
        <translation>这既不是 RWKV 桌面版的对话包（.rwkvchat），也不是 JSON 导出文件</translation>
    </message>
    <message>
        <source>the bundle is truncated (%1 bytes)</source>
        <translation>对话包不完整（%1 字节）</translation>
    </message>
    <message>
        <source>this is not a conversation bundle</source>
        <translation>这不是对话包</translation>
    </message>
    <message>
        <source>the bundle was written by a newer RWKV Desktop (bundle version %1)</source>
        <translation>对话包由更新版本的 RWKV 桌面版写成（对话包版本 %1）</translation>
    </message>
    <message>
        <source>the bundle version %1 is unknown</source>
        <translation>未知的对话包版本 %1</translation>
    </message>
    <message>
        <source>the bundle&apos;s checksum does not match (the file is damaged)</source>
        <translation>对话包的校验和不匹配（文件已损坏）</translation>
    </message>
    <message>
        <source>the bundle has state bytes but no description of them</source>
        <translation>对话包含有状态数据，却没有对它的描述</translation>
    </message>
    <message>
        <source>the bundle&apos;s state description is incomplete</source>
        <translation>对话包的状态描述不完整</translation>
    </message>
    <message>
        <source>the snapshot names message %1, which is not in the conversation</source>
        <translation>状态快照指向第 %1 条消息，但对话中没有这条消息</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is negative (it counts tokens)</source>
        <translation>%1：“%2”是负数（它是 token 的个数）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not text</source>
        <translation>%1：“%2”不是文本</translation>
    </message>
    <message>
        <source>the conversation holds no messages</source>
        <translation>这个对话里没有任何消息</translation>
    </message>
    <message>
        <source>the file is %1 (%2 bytes), larger than any conversation bundle can be (at most %3 bytes); it was not read</source>
        <translation>文件大小为 %1（%2 字节），超过了任何对话包可能的大小（最多 %3 字节）；未读取该文件</translation>
    </message>
    <message>
        <source>the file is %1 (%2 bytes), larger than any JSON export can be (at most %3 bytes); it was not read</source>
        <translation>文件大小为 %1（%2 字节），超过了任何 JSON 导出可能的大小（最多 %3 字节）；未读取该文件</translation>
    </message>
    <message>
        <source>%1 is a link that leads back to itself (too many levels of symbolic links)</source>
        <translation>%1 是一个指向它自己的链接（符号链接层数过多）</translation>
    </message>
    <message>
        <source>%1 is a link to %2, which does not exist</source>
        <translation>%1 是指向 %2 的链接，但 %2 不存在</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 不存在</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file</source>
        <translation>%1 是一个文件夹，不是文件</translation>
    </message>
    <message>
        <source>%1 is not a regular file (a named pipe, a device or a socket)</source>
        <translation>%1 不是普通文件（而是命名管道、设备或套接字）</translation>
    </message>
    <message>
        <source>a number (%1)</source>
        <translation>数字（%1）</translation>
    </message>
    <message>
        <source>true or false (%1)</source>
        <translation>布尔值（%1）</translation>
    </message>
    <message>
        <source>a list (%1)</source>
        <translation>列表（%1）</translation>
    </message>
    <message>
        <source>an object (%1)</source>
        <translation>对象（%1）</translation>
    </message>
    <message>
        <source>text (%1)</source>
        <translation>文本（%1）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is %3, not &quot;user&quot;, &quot;assistant&quot; or &quot;system&quot;</source>
        <translation>%1：“%2”是%3，而不是“user”、“assistant”或“system”</translation>
    </message>
    <message>
        <source>%1 has no role</source>
        <translation>%1没有角色</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is %3, not text</source>
        <translation>%1：“%2”是%3，而不是文本</translation>
    </message>
    <message>
        <source>message %1 (id %2)</source>
        <translation>第 %1 条消息（id 为 %2）</translation>
    </message>
    <message>
        <source>this is neither an RWKV Desktop bundle (.rwkvchat) nor a JSON export: it is %1</source>
        <translation>这既不是 RWKV 桌面版的对话包（.rwkvchat），也不是 JSON 导出文件：它是%1</translation>
    </message>
    <message>
        <source>the conversation&apos;s starting state is not named in full (a file name and a sha256)</source>
        <translation>对话的起始状态没有写全（需要文件名和 sha256）</translation>
    </message>
    <message>
        <source>its starting state could not be kept as %1 (%2)</source>
        <translation>无法把它的起始状态保存为 %1（%2）</translation>
    </message>
    <message>
        <source>%1 is a system message after message %2: only a chat&apos;s first message can be one (it becomes the chat&apos;s instructions)</source>
        <translation>%1是系统消息，却跟在第 %2 条消息之后：只有对话的第一条消息可以是系统消息（它会成为对话的指令）</translation>
    </message>
    <message>
        <source>%1 is a system message, and the conversation has other instructions already (&quot;system_prompt&quot;): a chat keeps one set</source>
        <translation>%1是系统消息，但对话已有其他指令（“system_prompt”）：一个对话只保留一组指令</translation>
    </message>
    <message>
        <source>%1 is a second system message, with other text: a chat keeps one set of instructions</source>
        <translation>%1是第二条系统消息，且内容不同：一个对话只保留一组指令</translation>
    </message>
    <message>
        <source>the bundle is damaged or truncated: its header says its JSON part is %1 bytes, more than the whole file (%2 bytes)</source>
        <translation>对话包已损坏或不完整：它的文件头写的是 JSON 部分有 %1 字节，比整个文件（%2 字节）还大</translation>
    </message>
    <message>
        <source>the bundle is damaged or truncated: its header says its state part is %1 bytes, more than the whole file (%2 bytes)</source>
        <translation>对话包已损坏或不完整：它的文件头写的是状态部分有 %1 字节，比整个文件（%2 字节）还大</translation>
    </message>
    <message>
        <source>%1 is %2, not a file stored on a disk</source>
        <translation>%1 是%2，不是存放在磁盘上的文件</translation>
    </message>
</context>
<context>
    <name>rwkv::app::InferenceWorker</name>
    <message>
        <source>No model file was chosen.</source>
        <translation>未选择模型文件。</translation>
    </message>
    <message>
        <source>No model is loaded. Choose a model file first.</source>
        <translation>尚未加载模型。请先选择一个模型文件。</translation>
    </message>
    <message>
        <source>The tokenizer vocabulary it needs (%1) is kept in RWKV Desktop&apos;s resources folder, which was not found.</source>
        <translation>它需要的分词词表（%1）存放在 RWKV 桌面版的资源文件夹中，但找不到这个文件夹。</translation>
    </message>
    <message>
        <source>%1 could not be used; using the CPU. %2</source>
        <translation>无法使用 %1，改用 CPU。%2</translation>
    </message>
    <message>
        <source>%1 has too little free memory for this model, so it runs on the CPU (slower).</source>
        <translation>%1 的可用内存不足以容纳这个模型，因此它在 CPU 上运行（较慢）。</translation>
    </message>
    <message>
        <source>With int8 weights (Settings → Weights in memory) it would fit on the GPU.</source>
        <translation>改用 int8 权重（设置 → 内存中的权重）即可放进 GPU。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::LibraryController</name>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>Could not pin the conversation: %1</source>
        <translation>无法置顶对话：%1</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>无标题</translation>
    </message>
    <message>
        <source>Could not read the trash: %1</source>
        <translation>无法读取回收站：%1</translation>
    </message>
    <message>
        <source>Could not restore the conversation: %1</source>
        <translation>无法恢复对话：%1</translation>
    </message>
    <message>
        <source>Could not delete the conversation: %1</source>
        <translation>无法删除对话：%1</translation>
    </message>
    <message>
        <source>A folder needs a name.</source>
        <translation>文件夹需要一个名称。</translation>
    </message>
    <message>
        <source>A folder name has at most %1 characters.</source>
        <translation>文件夹名称最多 %1 个字符。</translation>
    </message>
    <message>
        <source>A folder name is one line, without control or text-direction characters.</source>
        <translation>文件夹名称只能是一行，不能包含控制字符或文字方向字符。</translation>
    </message>
    <message>
        <source>There is already a folder named “%1”.</source>
        <translation>已有名为“%1”的文件夹。</translation>
    </message>
    <message>
        <source>Could not make the folder: %1</source>
        <translation>无法新建文件夹：%1</translation>
    </message>
    <message>
        <source>Could not rename the folder: %1</source>
        <translation>无法重命名文件夹：%1</translation>
    </message>
    <message>
        <source>Could not delete the folder: %1</source>
        <translation>无法删除文件夹：%1</translation>
    </message>
    <message>
        <source>Could not move the conversation: %1</source>
        <translation>无法移动对话：%1</translation>
    </message>
    <message>
        <source>Could not free the space of the saved states: %1</source>
        <translation>无法释放保存的状态占用的空间：%1</translation>
    </message>
    <message>
        <source>Delete the folder “%1”? It holds no chats.</source>
        <translation>删除文件夹“%1”？其中没有对话。</translation>
    </message>
    <message numerus="yes">
        <source>Delete the folder “%1”? Its %n chat(s) will stay, listed outside any folder.</source>
        <translation>
            <numerusform>删除文件夹“%1”？其中的 %n 个对话会保留，不再属于任何文件夹。</numerusform>
        </translation>
    </message>
    <message>
        <source>A folder name cannot hold half a character (shown as �): the file is damaged there.</source>
        <translation>文件夹名称不能包含半个字符（显示为 �）：文件在此处已损坏。</translation>
    </message>
</context>
<context>
    <name>rwkv::app::TurnReadouts</name>
    <message>
        <source>%1 s to first token</source>
        <translation>首个 token 用时 %1 秒</translation>
    </message>
    <message>
        <source>&lt; %1 s to first token</source>
        <comment>under 0.01 s: the time rounds to 0.00</comment>
        <translation>首个 token 用时不到 %1 秒</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 token/秒</translation>
    </message>
    <message>
        <source>1 token</source>
        <translation>1 个 token</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 个 token</translation>
    </message>
    <message>
        <source>Read %1 prompt tokens at %2 tok/s; wrote %3 tokens at %4 tok/s</source>
        <translation>读取输入 %1 个 token，%2 token/秒；生成 %3 个 token，%4 token/秒</translation>
    </message>
    <message>
        <source>1 more token</source>
        <comment>a continued reply: written after the cut text</comment>
        <translation>续写 1 个 token</translation>
    </message>
    <message>
        <source>%1 more tokens</source>
        <comment>a continued reply: written after the cut text</comment>
        <translation>续写 %1 个 token</translation>
    </message>
    <message>
        <source>Read %1 tokens (the prompt and the cut reply) at %2 tok/s; wrote %3 more tokens at %4 tok/s</source>
        <translation>读取 %1 个 token（输入和被中断的回复），%2 token/秒；续写 %3 个 token，%4 token/秒</translation>
    </message>
</context>
<context>
    <name>rwkv::gui::DialogRows</name>
    <message>
        <source>%1 is a file, not a folder.</source>
        <translation>%1 是一个文件，不是文件夹。</translation>
    </message>
    <message>
        <source>%1 does not exist. Type the path of a folder that exists (a new folder is made in a file manager).</source>
        <translation>%1 不存在。请输入一个已有文件夹的路径（新文件夹请先在文件管理器中创建）。</translation>
    </message>
</context>
<context>
    <name>rwkv::models</name>
    <message>
        <source>the network proxy failed (%1); check the system proxy settings</source>
        <translation>网络代理出错（%1）；请检查系统代理设置</translation>
    </message>
    <message>
        <source>no secure connection to %1 (%2)</source>
        <translation>无法与 %1 建立安全连接（%2）</translation>
    </message>
    <message>
        <source>%1 did not answer in time</source>
        <translation>%1 没有及时响应</translation>
    </message>
    <message>
        <source>%1 closed the connection</source>
        <translation>%1 关闭了连接</translation>
    </message>
    <message>
        <source>%1 refused the connection</source>
        <translation>%1 拒绝了连接</translation>
    </message>
    <message>
        <source>no network connection (%1)</source>
        <translation>没有网络连接（%1）</translation>
    </message>
    <message>
        <source>no network or no DNS: cannot find %1</source>
        <translation>没有网络或 DNS 不可用：找不到 %1</translation>
    </message>
    <message>
        <source>No models folder is set.</source>
        <translation>尚未设置模型文件夹。</translation>
    </message>
    <message>
        <source>The models folder %1 does not exist.</source>
        <translation>模型文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>The models folder %1 is not a folder.</source>
        <translation>模型文件夹 %1 不是文件夹。</translation>
    </message>
    <message>
        <source>The models folder %1 is not writable (%2).</source>
        <translation>模型文件夹 %1 不可写（%2）。</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is missing or empty</source>
        <translation>字段“%1”缺失或为空</translation>
    </message>
    <message>
        <source>file &quot;%1&quot; is not a bare file name</source>
        <translation>文件“%1”不是单纯的文件名</translation>
    </message>
    <message>
        <source>sha256 is not 64 hex digits</source>
        <translation>sha256 不是 64 位十六进制数</translation>
    </message>
    <message>
        <source>size must be a positive number or null</source>
        <translation>size 必须是正数或 null</translation>
    </message>
    <message>
        <source>no http(s) URL for source &quot;%1&quot;</source>
        <translation>来源“%1”没有 http(s) 地址</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not text: %2</source>
        <translation>字段“%1”不是文本：%2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not a number: %2</source>
        <translation>字段“%1”不是数字：%2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is too large: %2</source>
        <translation>字段“%1”太大：%2</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is not an object of sources and their URLs: %2</source>
        <translation>字段“%1”不是由下载源及其 URL 组成的对象：%2</translation>
    </message>
</context>
<context>
    <name>rwkv::models::CatalogListModel</name>
    <message>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation>剩余 %1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min %2 s left</source>
        <translation>剩余 %1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 s left</source>
        <translation>剩余 %1 秒</translation>
    </message>
    <message>
        <source>%1 layers × %2</source>
        <translation>%1 层 × %2</translation>
    </message>
    <message>
        <source>Fits your GPU</source>
        <translation>适合你的 GPU</translation>
    </message>
    <message>
        <source>Fits your RAM (CPU)</source>
        <translation>适合你的内存（CPU）</translation>
    </message>
    <message>
        <source>Too large for this computer</source>
        <translation>对这台电脑来说太大</translation>
    </message>
    <message>
        <source>Memory need unknown</source>
        <translation>内存需求未知</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Incomplete: %1 of %2 in the models folder (a copy or download cut short). Download again replaces it.</source>
        <translation>不完整：模型文件夹中只有 %1，共 %2（复制或下载中断）。重新下载会替换它。</translation>
    </message>
    <message>
        <source>A different file: %1 in the models folder, the catalog&apos;s is %2. Download again replaces it.</source>
        <translation>不是同一个文件：模型文件夹中的文件为 %1，模型目录中的为 %2。重新下载会替换它。</translation>
    </message>
    <message>
        <source>Incomplete: %1 of %2 in the models folder (a copy or download cut short); the whole file is in %3.</source>
        <translation>不完整：模型文件夹中只有 %1，共 %2（复制或下载中断）；完整的文件在 %3。</translation>
    </message>
    <message>
        <source>A different file: %1 in the models folder, the catalog&apos;s is %2; the catalog&apos;s file is in %3.</source>
        <translation>不是同一个文件：模型文件夹中的文件为 %1，模型目录中的为 %2；模型目录中的文件在 %3。</translation>
    </message>
    <message>
        <source>Incomplete: %1 of %2 in the models folder (a copy or download cut short). The models folder cannot be written, so Download again puts the whole file in %3 and leaves this one.</source>
        <translation>不完整：模型文件夹中只有 %1，共 %2（复制或下载中断）。模型文件夹无法写入，所以重新下载会把完整的文件放到 %3，这个文件保持不变。</translation>
    </message>
    <message>
        <source>A different file: %1 in the models folder, the catalog&apos;s is %2. The models folder cannot be written, so Download again puts the catalog&apos;s file in %3 and leaves this one.</source>
        <translation>不是同一个文件：模型文件夹中的文件为 %1，模型目录中的为 %2。模型文件夹无法写入，所以重新下载会把模型目录中的文件放到 %3，这个文件保持不变。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Fits your GPU with int8 weights</source>
        <translation>用 int8 权重可放进你的 GPU</translation>
    </message>
    <message>
        <source>Fits your RAM (CPU) with int8 weights</source>
        <translation>用 int8 权重可放进你的内存（CPU）</translation>
    </message>
    <message>
        <source>%1, loads as about %2</source>
        <translation>%1，加载后约 %2</translation>
    </message>
    <message>
        <source>Too large as fp16; fits your GPU with int8 weights (Settings → Weights in memory)</source>
        <translation>用 fp16 太大；改用 int8 权重（设置 → 内存中的权重）即可放进你的 GPU</translation>
    </message>
    <message>
        <source>Too large as fp16; fits your RAM (CPU) with int8 weights (Settings → Weights in memory)</source>
        <translation>用 fp16 太大；改用 int8 权重（设置 → 内存中的权重）即可放进你的 CPU 内存</translation>
    </message>
    <message>
        <source>download size not in the catalog; loads as about %1</source>
        <translation>模型目录中没有下载大小；加载后约 %1</translation>
    </message>
    <message>
        <source>size not in the catalog</source>
        <translation>模型目录中没有大小</translation>
    </message>
</context>
<context>
    <name>rwkv::models::DownloadManager</name>
    <message>
        <source>A download needs an id.</source>
        <translation>下载任务需要一个 ID。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid model file name.</source>
        <translation>“%1”不是有效的模型文件名。</translation>
    </message>
    <message>
        <source>%1 has no download address for %2.</source>
        <translation>%1 在 %2 上没有下载地址。</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 已在模型文件夹中。</translation>
    </message>
    <message>
        <source>%1 is already downloading.</source>
        <translation>%1 已在下载中。</translation>
    </message>
    <message>
        <source>The download did not start: no answer within %1 s (another program may be holding the database, or the models folder does not respond). Try again.</source>
        <translation>下载没有开始：%1 秒内没有回应（可能有另一个程序正占用数据库，或者模型文件夹没有响应）。请重试。</translation>
    </message>
    <message>
        <source>%1 cannot be downloaded: its file name is %2 bytes long, and the files a download writes beside it (its name with “.part.json.XXXXXX” after it) would pass the 255 bytes a file name can have. The longest name that downloads is %3 bytes.</source>
        <translation>无法下载 %1：它的文件名有 %2 字节，下载时写在它旁边的文件（文件名后加“.part.json.XXXXXX”）会超过文件名最多 255 字节的限制。能下载的最长文件名为 %3 字节。</translation>
    </message>
    <message>
        <source>The list of unfinished model downloads in the conversation database was damaged and has been made again, empty: downloads paused or cut short before this start are no longer listed.</source>
        <translation>对话数据库中未完成的模型下载列表已损坏，已重新建立为空列表：本次启动前暂停或中断的下载不再列出。</translation>
    </message>
    <message>
        <source>The list of unfinished model downloads in the conversation database cannot be read (%1): downloads paused or cut short before this start are not listed.</source>
        <translation>无法读取对话数据库中未完成的模型下载列表（%1）：本次启动前暂停或中断的下载没有列出。</translation>
    </message>
    <message>
        <source>Their partly downloaded files were kept in the models folder (%1): Download on a model&apos;s card in Models goes on from its file.</source>
        <translation>这些下载已下载的部分文件保留在模型文件夹中（%1）：在“模型”中点击该模型卡片上的“下载”，会从它的文件接着下载。</translation>
    </message>
    <message>
        <source>Their partly downloaded files are still in the models folder (%1).</source>
        <translation>这些下载已下载的部分文件仍在模型文件夹中（%1）。</translation>
    </message>
    <message>
        <source>Your chats and the models already downloaded were not touched.</source>
        <translation>你的对话和已下载的模型都没有被改动。</translation>
    </message>
</context>
<context>
    <name>rwkv::models::DownloadTask</name>
    <message>
        <source>connection lost: %1</source>
        <translation>连接中断：%1</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 已在模型文件夹中。</translation>
    </message>
    <message>
        <source>No download address for %1 from %2.</source>
        <translation>%2 上没有 %1 的下载地址。</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>the server sent an unreadable Content-Range</source>
        <translation>服务器返回的 Content-Range 无法解析</translation>
    </message>
    <message>
        <source>the server resumed at byte %1 instead of %2</source>
        <translation>服务器从第 %1 字节续传，而不是第 %2 字节</translation>
    </message>
    <message>
        <source>the server offers %1 bytes, %2 were expected</source>
        <translation>服务器提供 %1 字节，预期为 %2 字节</translation>
    </message>
    <message>
        <source>the server sent more bytes than the file has</source>
        <translation>服务器发送的字节数超过了文件大小</translation>
    </message>
    <message>
        <source>Cannot write %1: %2. The partial download is kept; resume when the problem is fixed.</source>
        <translation>无法写入 %1：%2。已下载的部分会保留；问题解决后可继续下载。</translation>
    </message>
    <message>
        <source>Starting over: %1</source>
        <translation>重新开始下载：%1</translation>
    </message>
    <message>
        <source>the connection closed early</source>
        <translation>连接提前关闭</translation>
    </message>
    <message>
        <source>HTTP %1 from %2 without a usable Location</source>
        <translation>%2 返回 HTTP %1，但没有可用的 Location</translation>
    </message>
    <message>
        <source>too many redirects</source>
        <translation>重定向次数过多</translation>
    </message>
    <message>
        <source>the server refused the byte range</source>
        <translation>服务器拒绝了字节范围请求</translation>
    </message>
    <message>
        <source>HTTP %1 from %2</source>
        <translation>%2 返回 HTTP %1</translation>
    </message>
    <message>
        <source>unexpected HTTP %1 from %2</source>
        <translation>%2 返回了意外的 HTTP %1</translation>
    </message>
    <message>
        <source>Retrying in %1 s (attempt %2): %3</source>
        <translation>%1 秒后重试（第 %2 次尝试）：%3</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2. Retry later, or choose another source in Models; when every source fails, the model catalog may be out of date.</source>
        <translation>下载 %1 失败：%2。请稍后重试，或在“模型”中选择其他下载源；如果所有下载源都失败，可能是模型目录已过时。</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2. Each source was tried in turn (Automatic): retry later; if they all keep failing, the model catalog may be out of date.</source>
        <translation>下载 %1 失败：%2。已依次尝试了每个下载源（自动）：请稍后重试；如果它们一直失败，可能是模型目录已过时。</translation>
    </message>
    <message>
        <source>%1 failed (%2); trying %3</source>
        <translation>%1 失败（%2）；正在尝试 %3</translation>
    </message>
    <message>
        <source>%1 has %2 bytes, %3 were expected; the download was deleted.</source>
        <translation>%1 有 %2 字节，预期为 %3 字节；已删除下载的文件。</translation>
    </message>
    <message>
        <source>Verifying</source>
        <translation>正在校验</translation>
    </message>
    <message>
        <source>Checksum mismatch for %1: expected sha256 %2, got %3. The downloaded file was deleted; try again or choose another source.</source>
        <translation>%1 的校验和不匹配：预期 sha256 为 %2，实际为 %3。已删除下载的文件；请重试或选择其他来源。</translation>
    </message>
    <message>
        <source>%1 appeared in the models folder during the download; the verified copy is kept as %2.</source>
        <translation>下载期间模型文件夹中出现了 %1；校验过的副本已另存为 %2。</translation>
    </message>
    <message>
        <source>Cannot move %1 into the models folder.</source>
        <translation>无法将 %1 移入模型文件夹。</translation>
    </message>
    <message>
        <source>Downloading %1 failed: %2. Retry later; the model catalog lists no other source for it, and it may be out of date.</source>
        <translation>下载 %1 失败：%2。请稍后重试；模型目录没有列出它的其他下载源，目录也可能已过时。</translation>
    </message>
    <message>
        <source>%1 (%2) is larger than the whole disk holding %3 (%4): it cannot be downloaded there. Choose a models folder on a larger disk.</source>
        <translation>%1（%2）比存放 %3 的整个磁盘（%4）还大，无法下载到那里。请选择位于更大磁盘上的模型文件夹。</translation>
    </message>
    <message>
        <source>Not enough disk space: %1 needs %2 still to download, and only %3 are free in %4. Free some space, then resume.</source>
        <translation>磁盘空间不足：%1 还有 %2 需要下载，而 %4 中只剩 %3 可用。请腾出一些空间，然后继续下载。</translation>
    </message>
    <message>
        <source>the server sent a web page, not the model file (a login or error page?)</source>
        <translation>服务器发来的是一个网页，而不是模型文件（可能是登录页或错误页）</translation>
    </message>
    <message>
        <source>the server sent a web page of %1 bytes, not the model file (a login or error page?)</source>
        <translation>服务器发来的是一个 %1 字节的网页，而不是模型文件（可能是登录页或错误页）</translation>
    </message>
    <message>
        <source>the server sent a web page of %1 bytes, not the model file of %2 bytes (a login or error page?)</source>
        <translation>服务器发来的是一个 %1 字节的网页，而不是 %2 字节的模型文件（可能是登录页或错误页）</translation>
    </message>
    <message>
        <source>Waiting for the server: nothing received for %1 s; the app asks again after %2 s of silence.</source>
        <translation>正在等待服务器：已 %1 秒没有收到数据；静默 %2 秒后会重新请求。</translation>
    </message>
    <message>
        <source>Starting over: %1 in the models folder was not written by this download (another program&apos;s or another file&apos;s), so the file is downloaded from the start.</source>
        <translation>重新开始下载：模型文件夹中的 %1 不是这次下载写入的（来自别的程序或别的文件），所以从头下载该文件。</translation>
    </message>
    <message>
        <source>%1 is being downloaded by another RWKV Desktop window (process %2) into the same models folder. This one waits and uses the file once it is there.</source>
        <translation>另一个 RWKV 桌面版窗口（进程 %2）正在把 %1 下载到同一个模型文件夹。此窗口会等待，文件下载好后直接使用。</translation>
    </message>
    <message>
        <source>%1 is being downloaded by another RWKV Desktop window into the same models folder. This one waits and uses the file once it is there.</source>
        <translation>另一个 RWKV 桌面版窗口正在把 %1 下载到同一个模型文件夹。此窗口会等待，文件下载好后直接使用。</translation>
    </message>
    <message>
        <source>Disk full while writing %1: the disk holding %2 has no room left (%3 free). Free some space, then resume; the %4 already downloaded are kept.</source>
        <translation>写入 %1 时磁盘已满：%2 所在的磁盘没有剩余空间（可用 %3）。请腾出一些空间后继续下载；已下载的 %4 会保留。</translation>
    </message>
    <message>
        <source>the checksum of %1 did not match after resuming the %2 downloaded earlier, so the file is downloaded again from the start</source>
        <translation>接着之前下载的 %2 继续后，%1 的校验和不匹配，所以从头重新下载该文件</translation>
    </message>
    <message>
        <source>Took over the lock %1 of %2 (process %3): its .part did not change for %4 s.</source>
        <translation>已接管 %2（进程 %3）的锁 %1：它的 .part 已有 %4 秒没有变化。</translation>
    </message>
    <message>
        <source>Took over the lock %1 of %2 (process %3): no download was writing beside it.</source>
        <translation>已接管 %2（进程 %3）的锁 %1：它旁边没有正在写入的下载。</translation>
    </message>
    <message>
        <source>%1 is being downloaded by RWKV Desktop on another computer (%2, process %3) into this shared models folder: its lock is %4. This one waits and uses the file once it is there; if nothing changes beside that lock for %5 min, this one takes the download over.</source>
        <translation>另一台电脑（%2，进程 %3）上的 RWKV 桌面版正在把 %1 下载到这个共享的模型文件夹，它的锁是 %4。此窗口会等待，文件下载好后直接使用；如果该锁旁边 %5 分钟没有任何变化，此窗口会接手这次下载。</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 is not a file (a folder or something else has that name). Remove it, then retry.</source>
        <translation>无法下载 %1：它的锁 %2 不是文件（有文件夹或别的东西占用了这个名字）。请删除它，然后重试。</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 cannot be made (no permission to write in the models folder).</source>
        <translation>无法下载 %1：无法创建它的锁 %2（没有写入模型文件夹的权限）。</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 cannot be read (it was not written by RWKV Desktop). If no window on any computer downloads this model, remove it, then retry.</source>
        <translation>无法下载 %1：无法读取它的锁 %2（它不是 RWKV 桌面版写的）。如果没有任何电脑上的窗口在下载这个模型，请删除它，然后重试。</translation>
    </message>
    <message>
        <source>Cannot download %1: its lock %2 cannot be made in the models folder.</source>
        <translation>无法下载 %1：无法在模型文件夹中创建它的锁 %2。</translation>
    </message>
    <message>
        <source>Checksum mismatch for %1: the downloaded file was deleted. Its card in Models shows both checksums; try again or choose another source.</source>
        <translation>%1 的校验和不匹配：已删除下载的文件。“模型”页中它的卡片列出了两个校验和；请重试或选择其他来源。</translation>
    </message>
    <message>
        <source>Downloading %1 failed: no server answered (%2; last error: %3). Check this computer&apos;s internet connection (and proxy settings), then Retry.</source>
        <translation>下载 %1 失败：没有一个服务器应答（%2；最后的错误：%3）。请检查这台电脑的网络连接（以及代理设置），然后点“重试”。</translation>
    </message>
</context>
<context>
    <name>rwkv::models::DownloadWorker</name>
    <message>
        <source>Cannot read the download list: %1</source>
        <translation>无法读取下载列表：%1</translation>
    </message>
    <message>
        <source>There is no download %1 to resume.</source>
        <translation>没有可继续的下载任务 %1。</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Interrupted when the app closed; resume to continue.</source>
        <translation>应用关闭时下载被中断；点击“继续”即可接着下载。</translation>
    </message>
    <message>
        <source>Cannot record the download: %1</source>
        <translation>无法记录下载任务：%1</translation>
    </message>
</context>
<context>
    <name>rwkv::models::ModelCatalog</name>
    <message>
        <source>Cannot read the model catalog %1: %2</source>
        <translation>无法读取模型目录 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not valid JSON: %2 at offset %3</source>
        <translation>%1 不是有效的 JSON：%2（偏移量 %3）</translation>
    </message>
    <message>
        <source>%1 has no &quot;models&quot; list</source>
        <translation>%1 中没有“models”列表</translation>
    </message>
    <message>
        <source>%1, model %2 (%3): %4</source>
        <translation>%1，第 %2 个模型（%3）：%4</translation>
    </message>
    <message>
        <source>%1, model %2: duplicate id &quot;%3&quot;</source>
        <translation>%1，第 %2 个模型：ID“%3”重复</translation>
    </message>
    <message>
        <source>%1, model %2: %3</source>
        <translation>%1，第 %2 个模型：%3</translation>
    </message>
</context>
<context>
    <name>rwkv::models::ModelManagerController</name>
    <message>
        <source>Download of %1 paused: %2</source>
        <translation>%1 的下载已暂停：%2</translation>
    </message>
    <message>
        <source>Checking %1 (size and sha256)…</source>
        <translation>正在校验 %1（大小和 sha256）…</translation>
    </message>
    <message>
        <source>Downloading %1: %2</source>
        <translation>正在下载 %1：%2</translation>
    </message>
    <message>
        <source>Downloading %1: %2 of %3 (%4 %)</source>
        <translation>正在下载 %1：%2 / %3（%4%）</translation>
    </message>
    <message>
        <source>Downloading %1: starting…</source>
        <translation>正在下载 %1：正在开始…</translation>
    </message>
    <message>
        <source>Automatic (fall back on failure)</source>
        <translation>自动（失败时换用其他来源）</translation>
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
        <translation>ModelScope（魔搭）</translation>
    </message>
    <message>
        <source>Unknown download source &quot;%1&quot;.</source>
        <translation>未知的下载来源“%1”。</translation>
    </message>
    <message>
        <source>none detected</source>
        <translation>未检测到</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>GPU %1 · RAM %2</source>
        <translation>GPU %1 · 内存 %2</translation>
    </message>
    <message>
        <source>Unknown model &quot;%1&quot;.</source>
        <translation>未知的模型“%1”。</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>已有导入任务在进行中。</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 不是文件。</translation>
    </message>
    <message>
        <source>%1 is not a model file (.pth, .gguf, .st, .safetensors or .bin).</source>
        <translation>%1 不是模型文件（应为 .pth、.gguf、.st、.safetensors 或 .bin）。</translation>
    </message>
    <message>
        <source>%1 is already in the models folder.</source>
        <translation>%1 已在模型文件夹中。</translation>
    </message>
    <message>
        <source>Not enough disk space to import %1: %2 needed, %3 free.</source>
        <translation>磁盘空间不足，无法导入 %1：需要 %2，可用 %3。</translation>
    </message>
    <message>
        <source>Could not copy %1 into the models folder (is the disk full?).</source>
        <translation>无法将 %1 复制到模型文件夹（磁盘是否已满？）。</translation>
    </message>
    <message>
        <source>Could not delete %1.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <source>%1 is not in the models folder.</source>
        <translation>%1 不在模型文件夹中。</translation>
    </message>
    <message>
        <source>%1 cannot be used as a model, so nothing was copied: %2</source>
        <translation>%1 无法用作模型，因此没有复制任何文件：%2</translation>
    </message>
    <message>
        <source>The model catalog “%1” could not be used, so no models are listed: %2</source>
        <translation>无法使用模型目录“%1”，因此没有列出任何模型：%2</translation>
    </message>
    <message>
        <source>The model catalog “%1” lists no models.</source>
        <translation>模型目录“%1”中没有列出任何模型。</translation>
    </message>
    <message>
        <source>%1 (integrated, shares the RAM)</source>
        <translation>%1（集成 GPU，与内存共用）</translation>
    </message>
    <message>
        <source>%1 (software, on the CPU)</source>
        <translation>%1（软件渲染，在 CPU 上运行）</translation>
    </message>
    <message>
        <source>Some models of the catalog “%1” cannot be used and are left out; the others are listed. Left out: %2</source>
        <translation>模型目录“%1”中有些模型无法使用，已略去；其余模型照常列出。略去的：%2</translation>
    </message>
    <message>
        <source>The models folder %1 cannot be written (%2), so downloads and imports go to %3; its models are listed and can be used, not deleted.</source>
        <translation>模型文件夹 %1 无法写入（%2），所以下载和导入的模型会放到 %3；它里面的模型照常列出，可以使用，但不能删除。</translation>
    </message>
    <message>
        <source>%1 cannot be deleted: the models folder %2 cannot be written (%3).</source>
        <translation>无法删除 %1：模型文件夹 %2 无法写入（%3）。</translation>
    </message>
    <message>
        <source>%1 goes on downloading into %2, the models folder when it started; once there it is listed here, with its folder.</source>
        <translation>%1 会继续下载到 %2（开始下载时的模型文件夹）；下载完成后会在这里列出，并注明所在文件夹。</translation>
    </message>
    <message>
        <source>The models folder holds a folder named %1, so %2 cannot be downloaded: its file has that name.</source>
        <translation>模型文件夹中有一个名为 %1 的文件夹，所以无法下载 %2：它的文件正是这个名字。</translation>
    </message>
    <message>
        <source>%1 in the models folder is not the catalog&apos;s file (%2, the catalog&apos;s is %3) and could not be deleted, so it cannot be downloaded again.</source>
        <translation>模型文件夹中的 %1 不是模型目录中的那个文件（%2，目录中的为 %3），且无法删除，所以无法重新下载。</translation>
    </message>
    <message>
        <source>Not listed: %1. A file name with bytes that are not UTF-8 text (shown as �) cannot be opened here; rename the file to use it.</source>
        <translation>未列出：%1。文件名中含有不是 UTF-8 文本的字节（显示为 �）的文件无法在这里打开；请重命名该文件后再使用。</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <comment>model files not listed</comment>
        <translation>
            <numerusform>%1，以及另外 %n 个文件</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot be imported: its file name is %2 bytes long, and the copy is made under its name with “.importing” after it, which would pass the 255 bytes a file name can have. The longest name that imports is %3 bytes; rename the file, then import it.</source>
        <translation>无法导入 %1：它的文件名有 %2 字节，而导入时的副本以它的名字加上“.importing”命名，会超过文件名最多 255 字节的限制。能导入的最长文件名为 %3 字节；请先重命名该文件，再导入。</translation>
    </message>
    <message>
        <source>%1 cannot be used as a model, so nothing was copied. %2
Details: %3</source>
        <translation>%1 无法用作模型，因此没有复制任何文件。%2
详情：%3</translation>
    </message>
    <message>
        <source>%1 was imported as %2: the models folder already has another file named %1.</source>
        <translation>%1 已导入为 %2：模型文件夹中已有另一个名为 %1 的文件。</translation>
    </message>
    <message>
        <source>%1 is already in the models folder, as %2.</source>
        <translation>%1 已在模型文件夹中，名为 %2。</translation>
    </message>
    <message>
        <source>%1 cannot be imported under another name: the models folder already has a file of that name, and its name, %2 bytes long, leaves no room for “ (%3)” in the 255 bytes a file name can have (the copy is made with “.importing” after it). Rename the file to at most %4 bytes, then import it.</source>
        <translation>无法以另一个名字导入 %1：模型文件夹中已有同名文件，而它的文件名有 %2 字节，在文件名最多 255 字节的限制内放不下“ (%3)”（导入时的副本还要在名字后加上“.importing”）。请先把文件重命名为最多 %4 字节，再导入。</translation>
    </message>
    <message>
        <source>%1 was imported into the models folder.</source>
        <translation>%1 已导入到模型文件夹。</translation>
    </message>
</context>
<context>
    <name>rwkv::models::Sha256Job</name>
    <message>
        <source>Cannot read %1 to verify it: %2</source>
        <translation>无法读取 %1 进行校验：%2</translation>
    </message>
    <message>
        <source>Verification was cancelled.</source>
        <translation>校验已取消。</translation>
    </message>
</context>
</TS>
