<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Adjust the count of {room}</source>
        <translation>调整{room}的人数</translation>
    </message>
    <message>
        <source>The count is {count}. Add or remove people that passed without a scan.</source>
        <translation>当前人数为 {count}。请加上或减去未经扫码通过的人数。</translation>
    </message>
    <message>
        <source>change by </source>
        <translation>变动 </translation>
    </message>
    <message>
        <source>e.g. group of interpreters let in by security</source>
        <translation>例如：安保放行的一组同传译员</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>Asker</name>
    <message>
        <source>Supervisor PIN not set</source>
        <translation>未设置主管 PIN</translation>
    </message>
    <message>
        <source>No supervisor PIN is set on this station. Set one in Station setup (Ctrl+,).</source>
        <translation>本工作站尚未设置主管 PIN。请在“工作站设置”（Ctrl+,）中设置。</translation>
    </message>
    <message>
        <source>Supervisor approval</source>
        <translation>主管授权</translation>
    </message>
    <message>
        <source>&lt;b&gt;{action}&lt;/b&gt; needs a supervisor.</source>
        <translation>&lt;b&gt;{action}&lt;/b&gt;需要主管授权。</translation>
    </message>
    <message>
        <source>Supervisor name</source>
        <translation>主管姓名</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>PIN 错误</translation>
    </message>
    <message>
        <source>The supervisor PIN is not right. Nothing was changed.</source>
        <translation>主管 PIN 不正确，未做任何更改。</translation>
    </message>
    <message>
        <source>Missing details</source>
        <translation>信息不全</translation>
    </message>
    <message>
        <source>Name and reason are needed. Nothing was changed.</source>
        <translation>需要填写姓名和原因，未做任何更改。</translation>
    </message>
</context>
<context>
    <name>AttendeePanel</name>
    <message>
        <source>lost</source>
        <extracomment>the usual answers (translated when offered; what the operator picks is recorded as shown)</extracomment>
        <translation>遗失</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>损坏</translation>
    </message>
    <message>
        <source>name corrected</source>
        <translation>姓名更正</translation>
    </message>
    <message>
        <source>category changed</source>
        <translation>类别变更</translation>
    </message>
    <message>
        <source>stolen</source>
        <translation>被盗</translation>
    </message>
    <message>
        <source>at {station}</source>
        <extracomment>fields staff may edit at the desk (code and status have their own rules)</extracomment>
        <translation>于 {station}</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>walk-in</source>
        <translation>现场注册</translation>
    </message>
    <message>
        <source>scan</source>
        <translation>扫码</translation>
    </message>
    <message>
        <source>, collected by {name}</source>
        <translation>，由 {name} 代领</translation>
    </message>
    <message>
        <source>Checked in ({how}){where}</source>
        <translation>已签到（{how}）{where}</translation>
    </message>
    <message>
        <source>Admitted by supervisor: {reason}</source>
        <translation>主管放行：{reason}</translation>
    </message>
    <message>
        <source>Badge {serial} issued{why}</source>
        <translation>证件 {serial} 已发放{why}</translation>
    </message>
    <message>
        <source>Badge {serial} revoked: {reason}</source>
        <translation>证件 {serial} 已作废：{reason}</translation>
    </message>
    <message>
        <source>Changed {fields}</source>
        <translation>已修改 {fields}</translation>
    </message>
    <message>
        <source>Registered at the desk{where}</source>
        <translation>在服务台注册{where}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Print {outcome}</source>
        <translation>打印{outcome}</translation>
    </message>
    <message>
        <source>Title</source>
        <extracomment>attendee field → its label at the desk</extracomment>
        <translation>称谓</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Name in own script</source>
        <translation>本国文字姓名</translation>
    </message>
    <message>
        <source>Name order</source>
        <translation>姓名顺序</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>代表团</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Interpretation</source>
        <translation>同传语言</translation>
    </message>
    <message>
        <source>Accessibility</source>
        <translation>无障碍需求</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Registration code</source>
        <translation>注册码</translation>
    </message>
    <message>
        <source>Badges</source>
        <translation>证件</translation>
    </message>
    <message>
        <source>History</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Check in by hand</source>
        <translation>手动签到</translation>
    </message>
    <message>
        <source>Print badge</source>
        <translation>打印证件</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Cancel registration…</source>
        <translation>取消注册…</translation>
    </message>
    <message>
        <source>Block…</source>
        <translation>禁止入场…</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>返回扫码</translation>
    </message>
    <message>
        <source>&lt;b&gt;Badges&lt;/b&gt;</source>
        <translation>&lt;b&gt;证件&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;History&lt;/b&gt;</source>
        <translation>&lt;b&gt;记录&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Registration active</source>
        <translation>注册有效</translation>
    </message>
    <message>
        <source>✖ CANCELLED</source>
        <translation>✖ 已取消</translation>
    </message>
    <message>
        <source>✖ BLOCKED</source>
        <translation>✖ 已禁止</translation>
    </message>
    <message>
        <source>✔ Checked in {time} at {station}</source>
        <translation>✔ 已于 {time} 在 {station} 签到</translation>
    </message>
    <message>
        <source>Not checked in yet</source>
        <translation>尚未签到</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>revoked — {reason}</source>
        <translation>已作废 — {reason}</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>已补办</translation>
    </message>
    <message>
        <source>No badge printed yet</source>
        <translation>尚未打印证件</translation>
    </message>
    <message>
        <source>(times in {zone}, event time)</source>
        <translation>（时间为{zone}，活动当地时间）</translation>
    </message>
    <message>
        <source>Check-in of {name}</source>
        <translation>{name}的签到</translation>
    </message>
    <message>
        <source>A check-in cannot be taken back on this version.</source>
        <translation>此版本无法撤销签到。</translation>
    </message>
    <message>
        <source>Reprint badge</source>
        <translation>补打证件</translation>
    </message>
    <message>
        <source>Why is a new badge needed? The old badge will stop working now.</source>
        <translation>为什么需要新证件？旧证件将立即失效。</translation>
    </message>
    <message>
        <source>Reprint #{number}</source>
        <translation>第 {number} 次补打</translation>
    </message>
    <message>
        <source>Reprinting badge</source>
        <translation>正在补打证件</translation>
    </message>
    <message>
        <source>Old badge revoked ({reason}). A new badge is printing.</source>
        <translation>旧证件已作废（{reason}），新证件正在打印。</translation>
    </message>
    <message>
        <source>Badge print for {name}</source>
        <translation>{name}的证件打印</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Edit of {fields}</source>
        <translation>修改{fields}</translation>
    </message>
    <message>
        <source>the edit</source>
        <translation>该修改</translation>
    </message>
    <message>
        <source>Cancel this registration</source>
        <translation>取消此注册</translation>
    </message>
    <message>
        <source>Block this person</source>
        <translation>禁止此人入场</translation>
    </message>
    <message>
        <source>the cancelled status</source>
        <translation>“已取消”状态</translation>
    </message>
    <message>
        <source>the blocked status</source>
        <translation>“已禁止”状态</translation>
    </message>
    <message>
        <source>Cancellation of {name}</source>
        <translation>取消{name}的注册</translation>
    </message>
    <message>
        <source>Block of {name}</source>
        <translation>禁止{name}入场</translation>
    </message>
    <message>
        <source>the badge print (cancelled before printing)</source>
        <translation>证件打印（打印前已取消）</translation>
    </message>
    <message>
        <source>the badge was already printed; reprint it if it is wrong</source>
        <translation>证件已打印；如有错误请补打</translation>
    </message>
</context>
<context>
    <name>CameraChooser</name>
    <message>
        <source>Camera for scanning</source>
        <translation>用于扫描的摄像头</translation>
    </message>
    <message>
        <source>The system&apos;s default camera</source>
        <translation>系统默认摄像头</translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation>{name}（未连接）</translation>
    </message>
    <message>
        <source>No camera found on this computer.</source>
        <extracomment>said under the list when the computer has no camera at all</extracomment>
        <translation>本电脑上未找到摄像头。</translation>
    </message>
    <message>
        <source>{key} turns the camera on and off in the desk and the door.</source>
        <translation>{key} 在签到台和门口开关摄像头。</translation>
    </message>
</context>
<context>
    <name>CameraPreview</name>
    <message>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
</context>
<context>
    <name>CameraScan</name>
    <message>
        <source>The camera chosen in Station setup ({name}) is not connected. Connect it, or choose another in Station setup (Ctrl+,).</source>
        <extracomment>optional fast path, called on the scanner&apos;s thread instead of emitting ``scanned`` (the desk&apos;s handle_scan only queues work on its write lane) how a new :class:`ScanGate` is made (tests shorten its times) when a frame was seen, for telling a code still in view from one shown again (tests that push frames set a clock of the frames&apos; own times, so a slow machine does not stretch their gaps)</extracomment>
        <translation>工作站设置中选择的摄像头（{name}）未连接。请连接它，或在工作站设置（Ctrl+,）中选择另一个。</translation>
    </message>
    <message>
        <source>No camera found. Connect a camera, then press {key} again.</source>
        <translation>未找到摄像头。请连接摄像头，然后再按 {key}。</translation>
    </message>
    <message>
        <source>Camera scanning is not available in this build: the QR code reader (zxing-cpp) is not installed.</source>
        <translation>此版本无法使用摄像头扫描：未安装二维码读取器（zxing-cpp）。</translation>
    </message>
    <message>
        <source>{camera}: hold the badge&apos;s QR code up to it · {key} turns it off</source>
        <translation>{camera}：将胸卡二维码对准摄像头 · {key} 关闭</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Camera off ({key} turns it on)</source>
        <translation>摄像头已关闭（{key} 打开）</translation>
    </message>
    <message>
        <source>The camera stopped: {error}. Press {key} to try again.</source>
        <translation>摄像头已停止：{error}。按 {key} 重试。</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <source>Fullest first</source>
        <extracomment>the tile orders (English keys; shown translated)</extracomment>
        <translation>最满优先</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Most people</source>
        <translation>人数最多</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Latest activity</source>
        <translation>最近活动</translation>
    </message>
    <message>
        <source>{station}: no data yet</source>
        <translation>{station}：尚无数据</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n 小时</numerusform>
        </translation>
    </message>
    <message>
        <source>{station}: offline for {span}</source>
        <translation>{station}：已离线 {span}</translation>
    </message>
    <message>
        <source>{station}: no data for {span}</source>
        <translation>{station}：{span}无数据</translation>
    </message>
    <message>
        <source>no session</source>
        <translation>无会议</translation>
    </message>
    <message>
        <source>block</source>
        <translation>拒绝入场</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>仅提醒</translation>
    </message>
    <message>
        <source>policy: {policy}</source>
        <translation>满员策略：{policy}</translation>
    </message>
    <message>
        <source>last event: {time}</source>
        <translation>最后事件：{time}</translation>
    </message>
    <message>
        <source>{station}: last seen {time}</source>
        <translation>{station}：最后在线 {time}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Dashboard — {event}</source>
        <extracomment>asks where to save an export (suffix .pdf or .csv); tests replace it the order of the tiles follows the numbers at most this often (seconds)</extracomment>
        <translation>总控看板 — {event}</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>总控看板</translation>
    </message>
    <message>
        <source>standalone</source>
        <translation>独立运行</translation>
    </message>
    <message>
        <source>Filter rooms: name, zone, session…</source>
        <translation>筛选会场：名称、区域、会议…</translation>
    </message>
    <message>
        <source>Only rooms needing attention</source>
        <translation>仅显示需关注的会场</translation>
    </message>
    <message>
        <source>Export PDF report…</source>
        <translation>导出 PDF 报告…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Filter rooms</source>
        <translation>筛选会场</translation>
    </message>
    <message>
        <source>Filter rooms (Ctrl+F)</source>
        <translation>筛选会场 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Export a PDF report (Ctrl+P)</source>
        <translation>导出 PDF 报告 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Export the rooms as CSV</source>
        <translation>将会场导出为 CSV</translation>
    </message>
    <message>
        <source>Keys and display</source>
        <translation>按键与显示</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)</source>
        <translation>键盘快捷键 (F1)；显示：主题和文字大小 (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>&amp;Sort:</source>
        <translation>排序(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>会场(&amp;R)：</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>会场</translation>
    </message>
    <message>
        <source>Station</source>
        <extracomment>a door station without news for this long is flagged on its room&apos;s tile (the default of the ``station_offline_after_s`` setting, which the window follows) the station list&apos;s columns (English keys; shown translated)</extracomment>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>会场</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>Last heard</source>
        <translation>最后联络</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>{span} ago</source>
        <translation>{span}前</translation>
    </message>
    <message>
        <source>Occupancy over time</source>
        <translation>人数走势</translation>
    </message>
    <message>
        <source>Check-in progress</source>
        <translation>签到进度</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Stations: role, room, last heard, outbox, online or offline</source>
        <translation>工作站：角色、会场、最后联络、待发送、在线或离线</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Conflicts found by the sync</source>
        <translation>同步发现的冲突</translation>
    </message>
    <message>
        <source>Dashboard views</source>
        <translation>看板视图</translation>
    </message>
    <message>
        <source>Export a PDF report</source>
        <translation>导出 PDF 报告</translation>
    </message>
    <message>
        <source>Insecure connection to the registry: plain HTTP over the network. Anyone on it can read this station&apos;s token and the attendee data. Ask congress IT to serve the registry over HTTPS and enrol this station again.</source>
        <translation>与注册服务器的连接不安全：网络上使用明文 HTTP。网络中的任何人都能读取本工作站的令牌和参会者数据。请大会 IT 以 HTTPS 提供注册服务器，并重新登记本工作站。</translation>
    </message>
    <message>
        <source>Checked in {checked} / {registered} ({percent} %)</source>
        <translation>已签到 {checked} / {registered}（{percent}%）</translation>
    </message>
    <message>
        <source>In rooms {count}</source>
        <translation>会场内 {count} 人</translation>
    </message>
    <message>
        <source>updated {time}</source>
        <translation>更新于 {time}</translation>
    </message>
    <message>
        <source>{room} — people inside</source>
        <translation>{room} — 场内人数</translation>
    </message>
    <message>
        <source>⚠ This dashboard is offline: numbers from other stations are not updating.</source>
        <translation>⚠ 本看板已离线：其他工作站的数据未在更新。</translation>
    </message>
    <message>
        <source>⚠ This dashboard is offline since {time}: numbers from other stations are not updating.</source>
        <translation>⚠ 本看板自 {time} 起离线：其他工作站的数据未在更新。</translation>
    </message>
    <message>
        <source>⚠ Registration link (pretix) stopped: {words}. Check-ins are kept and sent when it runs again ({count} waiting).</source>
        <translation>⚠ 与报名系统（pretix）的连接已停止：{words}。签到记录会保留，恢复运行后发送（{count} 条待发送）。</translation>
    </message>
    <message>
        <source>⚠ Registration link (pretix) failing since {time}: {words}. Check-ins are kept and sent when it is back ({count} waiting).</source>
        <translation>⚠ 与报名系统（pretix）的连接自 {time} 起出现故障：{words}。签到记录会保留，恢复后发送（{count} 条待发送）。</translation>
    </message>
    <message>
        <source>⚠ Registration link (pretix) failing: {words}. Check-ins are kept and sent when it is back ({count} waiting).</source>
        <translation>⚠ 与报名系统（pretix）的连接出现故障：{words}。签到记录会保留，恢复后发送（{count} 条待发送）。</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>签到台</translation>
    </message>
    <message>
        <source>door</source>
        <translation>门口</translation>
    </message>
    <message>
        <source>dashboard</source>
        <translation>总览屏</translation>
    </message>
    <message>
        <source>● online (this station)</source>
        <translation>● 在线（本工作站）</translation>
    </message>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>● online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <source>{ago} ({time})</source>
        <translation>{ago}（{time}）</translation>
    </message>
    <message>
        <source>⚠ OFFLINE — never heard</source>
        <translation>⚠ 离线 — 从未联络</translation>
    </message>
    <message>
        <source>{station} (never heard)</source>
        <translation>{station}（从未联络）</translation>
    </message>
    <message>
        <source>⚠ OFFLINE</source>
        <translation>⚠ 离线</translation>
    </message>
    <message>
        <source>{station} ({ago})</source>
        <translation>{station}（{ago}）</translation>
    </message>
    <message>
        <source>Stations ({count} offline)</source>
        <translation>工作站（{count} 个离线）</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n station(s) not heard from for over {limit}: {stations}</source>
        <translation>
            <numerusform>⚠ %n 个工作站超过 {limit} 未联络：{stations}</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the station list</source>
        <translation>显示工作站列表</translation>
    </message>
    <message>
        <source>Conflicts ({count})</source>
        <translation>冲突（{count}）</translation>
    </message>
    <message>
        <source>checked in at {stations}</source>
        <translation>已在 {stations} 签到</translation>
    </message>
    <message>
        <source>double check-in</source>
        <translation>重复签到</translation>
    </message>
    <message>
        <source>parallel reprints</source>
        <translation>同时补打</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>PDF 报告 (*.pdf)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>报告已保存：{path}</translation>
    </message>
    <message>
        <source>Report failed: {error}</source>
        <translation>报告生成失败：{error}</translation>
    </message>
</context>
<context>
    <name>DelegationPanel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Native script</source>
        <translation>本国文字</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>已到</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>证件</translation>
    </message>
    <message>
        <source>Check in remaining and print their badges</source>
        <translation>为其余成员签到并打印证件</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>返回扫码</translation>
    </message>
    <message>
        <source>Delegation:</source>
        <translation>代表团：</translation>
    </message>
    <message>
        <source>{delegation} — {arrived}/{members} arrived</source>
        <translation>{delegation} — 已到 {arrived}/{members}</translation>
    </message>
    <message>
        <source>{members} members · {arrived} arrived · {badges} badges printed</source>
        <translation>成员 {members} 人 · 已到 {arrived} 人 · 已打印证件 {badges} 张</translation>
    </message>
    <message>
        <source>✔ arrived</source>
        <translation>✔ 已到</translation>
    </message>
    <message>
        <source>✖ cancelled</source>
        <translation>✖ 已取消</translation>
    </message>
    <message>
        <source>✖ blocked</source>
        <translation>✖ 已禁止</translation>
    </message>
    <message>
        <source>✔ printed</source>
        <translation>✔ 已打印</translation>
    </message>
    <message>
        <source>Check in {arrivals} remaining and print {badges} badges</source>
        <translation>为其余 {arrivals} 人签到并打印 {badges} 张证件</translation>
    </message>
    <message>
        <source>Collect badges</source>
        <translation>代领证件</translation>
    </message>
    <message>
        <source>Who collects the badges? (name, and role — e.g. protocol officer)</source>
        <translation>谁来代领证件？（姓名及身份，例如：礼宾官员）</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message numerus="yes">
        <source>%n fact(s) recorded on this station</source>
        <translation>
            <numerusform>本工作站已记录 %n 条数据</numerusform>
        </translation>
    </message>
    <message>
        <source>Outbox: {count}</source>
        <translation>待发送：{count}</translation>
    </message>
    <message numerus="yes">
        <source>Clock %n min slow — check the time</source>
        <translation>
            <numerusform>时钟慢了 %n 分钟 — 请校准时间</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clock %n min fast — check the time</source>
        <translation>
            <numerusform>时钟快了 %n 分钟 — 请校准时间</numerusform>
        </translation>
    </message>
    <message>
        <source>Check-in times are still ordered correctly; fix the computer&apos;s clock when you can.</source>
        <translation>签到时间顺序仍然正确；请尽快校准电脑时钟。</translation>
    </message>
    <message>
        <source>Printer: {printer}</source>
        <translation>打印机：{printer}</translation>
    </message>
    <message>
        <source>{count} printing</source>
        <translation>{count} 张打印中</translation>
    </message>
    <message>
        <source>{count} held by the printer</source>
        <translation>{count} 个被打印机暂扣</translation>
    </message>
    <message>
        <source>{count} failed</source>
        <translation>{count} 张失败</translation>
    </message>
    <message>
        <source>Badge printer</source>
        <translation>证件打印机</translation>
    </message>
    <message>
        <source>Scanner connected</source>
        <translation>扫码枪已连接</translation>
    </message>
    <message>
        <source>Looking for scanner</source>
        <translation>正在查找扫码枪</translation>
    </message>
    <message>
        <source>Scanner disconnected</source>
        <translation>扫码枪已断开</translation>
    </message>
    <message>
        <source>Scanner problem</source>
        <translation>扫码枪故障</translation>
    </message>
    <message>
        <source>Keyboard scanner</source>
        <translation>键盘式扫码枪</translation>
    </message>
    <message>
        <source>Operator: {name}</source>
        <translation>操作员：{name}</translation>
    </message>
    <message>
        <source>Event time: {zone}. This computer&apos;s clock says {time}.</source>
        <translation>活动时间：{zone}。本电脑时钟为 {time}。</translation>
    </message>
    <message>
        <source>Event time: {zone}</source>
        <translation>活动时间：{zone}</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>Venue desk — {event} — {station}</source>
        <extracomment>the search field&apos;s input method turns itself off after this long without a committed character a scan&apos;s verdict is on the panel (status); tests and the benchmark wait on it how long &quot;Reading scan…&quot; may stay lit without the scan ending (ms)</extracomment>
        <translation>会务签到台 — {event} — {station}</translation>
    </message>
    <message>
        <source>F2  Search: name in any script, organisation, e-mail, code…</source>
        <translation>F2  搜索：任意文字的姓名、单位、邮箱、注册码…</translation>
    </message>
    <message>
        <source>Search people</source>
        <translation>搜索人员</translation>
    </message>
    <message>
        <source>Search (F2 or Ctrl+F): ↓ to the results, Enter opens, Esc back</source>
        <translation>搜索（F2 或 Ctrl+F）：↓ 进入结果，回车打开，Esc 返回</translation>
    </message>
    <message>
        <source>Reading scan…</source>
        <translation>正在读取扫码…</translation>
    </message>
    <message>
        <source>IME on · scans paused</source>
        <translation>输入法已开 · 扫描暂停</translation>
    </message>
    <message>
        <source>The input method types in the search field and scanners are paused there. Esc or Ctrl+Space turns it off. Pinyin, romaji and Latin spellings are found without it.</source>
        <translation>输入法在搜索框中输入，此时扫描枪在此暂停。按 Esc 或 Ctrl+空格 关闭。不用输入法也能用拼音、罗马字和拉丁拼写找到人。</translation>
    </message>
    <message>
        <source>Recent scans</source>
        <translation>最近扫码</translation>
    </message>
    <message>
        <source>Newest first; Enter opens the person</source>
        <translation>最新在前；回车打开人员</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent scans&lt;/b&gt; — Enter opens the person · Ctrl+Z undoes the last action</source>
        <translation>&lt;b&gt;最近扫码&lt;/b&gt; — 回车打开人员 · Ctrl+Z 撤销上一步</translation>
    </message>
    <message>
        <source>(times in {zone}, event time)</source>
        <translation>（时间为{zone}，活动当地时间）</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>现场注册</translation>
    </message>
    <message>
        <source>Delegations</source>
        <translation>代表团</translation>
    </message>
    <message>
        <source>Undo last</source>
        <translation>撤销上一步</translation>
    </message>
    <message>
        <source>Supervisor override</source>
        <translation>主管放行</translation>
    </message>
    <message>
        <source>Print queue</source>
        <translation>打印队列</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>返回扫码</translation>
    </message>
    <message>
        <source>Demo scanner on/off</source>
        <translation>演示扫码开/关</translation>
    </message>
    <message>
        <source>Station setup</source>
        <translation>工作站设置</translation>
    </message>
    <message>
        <source>On a person: check in by hand</source>
        <translation>人员页面：手动签到</translation>
    </message>
    <message>
        <source>On a person: print or reprint the badge</source>
        <translation>人员页面：打印或补打证件</translation>
    </message>
    <message>
        <source>On a person: edit</source>
        <translation>人员页面：编辑</translation>
    </message>
    <message>
        <source>On a delegation: check in the remaining members and print their badges</source>
        <translation>代表团页面：为其余成员签到并打印证件</translation>
    </message>
    <message>
        <source>Search (same as F2)</source>
        <translation>搜索（同 F2）</translation>
    </message>
    <message>
        <source>Search (F2 or Ctrl+F)</source>
        <translation>搜索（F2 或 Ctrl+F）</translation>
    </message>
    <message>
        <source>Camera as a scanner on/off (choose it in Station setup)</source>
        <translation>摄像头扫描开/关（在工作站设置中选择摄像头）</translation>
    </message>
    <message>
        <source>Search with the input method (Chinese, Japanese, Korean…); scanners pause while it is on</source>
        <translation>用输入法搜索（中文、日文、韩文…）；开启时扫描枪暂停</translation>
    </message>
    <message>
        <source>Keys and display</source>
        <translation>按键与显示</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)</source>
        <translation>键盘快捷键 (F1)；显示：主题和文字大小 (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>Desk, ready to scan</source>
        <translation>签到台，可以扫码</translation>
    </message>
    <message>
        <source>demo scanner (F8 stops it)</source>
        <translation>演示扫码（F8 停止）</translation>
    </message>
    <message>
        <source>badge holder</source>
        <translation>证件持有人</translation>
    </message>
    <message>
        <source>Check-in of {name}</source>
        <translation>{name}的签到</translation>
    </message>
    <message>
        <source>A check-in cannot be taken back on this version.</source>
        <translation>此版本无法撤销签到。</translation>
    </message>
    <message>
        <source>badge print cancelled</source>
        <translation>已取消证件打印</translation>
    </message>
    <message>
        <source>check-in taken back</source>
        <translation>已撤销签到</translation>
    </message>
    <message>
        <source>the badge is already printed and a check-in cannot be taken back here</source>
        <translation>证件已打印，此处无法撤销签到</translation>
    </message>
    <message>
        <source> and </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Scan incomplete</source>
        <translation>扫描不完整</translation>
    </message>
    <message>
        <source>The scanner stopped after {count} characters, without Enter. Nothing was recorded. Scan again.</source>
        <translation>扫描枪在 {count} 个字符后停止，没有回车。未记录任何内容。请重新扫描。</translation>
    </message>
    <message>
        <source>Scan not recorded</source>
        <translation>扫码未记录</translation>
    </message>
    <message>
        <source>Something went wrong: {error}. Scan again.</source>
        <translation>出现问题：{error}。请重新扫码。</translation>
    </message>
    <message>
        <source>checked in</source>
        <translation>已签到</translation>
    </message>
    <message>
        <source>already in</source>
        <translation>已签到过</translation>
    </message>
    <message>
        <source>{time} — scan the next code</source>
        <translation>{time} — 请扫描下一个码</translation>
    </message>
    <message>
        <source>a badge holder</source>
        <translation>一位持卡人</translation>
    </message>
    <message>
        <source>Badge of {name} not printed</source>
        <translation>{name} 的胸卡未打印</translation>
    </message>
    <message>
        <source>The printer reported: {reason}. The job can be retried (F10); the check-in is saved.</source>
        <translation>打印机报告：{reason}。可重试该任务（F10）；签到已保存。</translation>
    </message>
    <message>
        <source>Badge of {name} held by the printer</source>
        <translation>{name} 的胸卡被打印机暂扣</translation>
    </message>
    <message>
        <source>The printer keeps it: {reason}. It prints once the printer is ready again; the check-in is saved.</source>
        <translation>打印机暂扣：{reason}。打印机就绪后会打印；签到已保存。</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Badge {reason}.</source>
        <translation>胸卡{reason}。</translation>
    </message>
    <message>
        <source>Badge printed</source>
        <translation>胸卡已打印</translation>
    </message>
    <message>
        <source>Walk-in registered</source>
        <translation>现场注册完成</translation>
    </message>
    <message>
        <source>Registered and checked in. The badge is printing.</source>
        <translation>已注册并签到，证件正在打印。</translation>
    </message>
    <message>
        <source>Walk-in {name}</source>
        <translation>现场注册 {name}</translation>
    </message>
    <message>
        <source>A registration stays; cancel it from the person&apos;s page if it was wrong.</source>
        <translation>注册无法撤销；如有错误，请在该人员页面取消注册。</translation>
    </message>
    <message>
        <source>Delegation checked in</source>
        <translation>代表团已签到</translation>
    </message>
    <message numerus="yes">
        <source>%n checked in on behalf,</source>
        <translation>
            <numerusform>代为签到 %n 人，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n badge(s) printing,</source>
        <translation>
            <numerusform>%n 张证件正在打印，</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped (cancelled or blocked).</source>
        <translation>
            <numerusform>跳过 %n 人（已取消或已禁止）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Printer not changed</source>
        <translation>打印机未更改</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; found for “{query}” — ↓ to choose, Enter to open</source>
        <translation>
            <numerusform>“{query}”找到 &lt;b&gt;%n&lt;/b&gt; 人 — ↓ 选择，回车打开</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to override</source>
        <translation>没有可放行的扫码</translation>
    </message>
    <message>
        <source>A supervisor override applies to the last refused scan of a known person.</source>
        <translation>主管放行仅适用于已知人员最近一次被拒的扫码。</translation>
    </message>
    <message>
        <source>Admit {name} despite “{verdict}”</source>
        <translation>在“{verdict}”情况下仍放行{name}</translation>
    </message>
    <message>
        <source>Admitted by supervisor</source>
        <translation>主管已放行</translation>
    </message>
    <message>
        <source>{supervisor}: {reason}. Recorded with the check-in.</source>
        <translation>{supervisor}：{reason}。已随签到一并记录。</translation>
    </message>
    <message>
        <source>Override not recorded</source>
        <translation>放行未记录</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <source>There is no recent action to take back.</source>
        <translation>最近没有可撤销的操作。</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>无法撤销</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Checked in {arrived} of {expected}</source>
        <translation>已签到 {arrived} / {expected}</translation>
    </message>
    <message>
        <source>Auto-print badges: ON</source>
        <translation>自动打印证件：开</translation>
    </message>
    <message>
        <source>Auto-print badges: off</source>
        <translation>自动打印证件：关</translation>
    </message>
</context>
<context>
    <name>DisplayDialog</name>
    <message>
        <source>Follow the system (light or dark)</source>
        <translation>跟随系统（浅色或深色）</translation>
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
        <source>High contrast (white on black, yellow focus)</source>
        <translation>高对比度（黑底白字，黄色焦点）</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>大</translation>
    </message>
    <message>
        <source>Extra large</source>
        <translation>特大</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Changes show at once. Verdicts always carry an icon and words, whatever the colours.</source>
        <translation>更改立即生效。无论颜色如何，扫码结果始终带有图标和文字。</translation>
    </message>
    <message>
        <source>&amp;Colours</source>
        <translation>颜色(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Text size</source>
        <translation>文字大小(&amp;T)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
<context>
    <name>DoorWindow</name>
    <message>
        <source>WELCOME</source>
        <extracomment>verdict status → headline words on the flash</extracomment>
        <translation>欢迎</translation>
    </message>
    <message>
        <source>NOT ALLOWED</source>
        <translation>无权进入</translation>
    </message>
    <message>
        <source>ROOM FULL</source>
        <translation>会场已满</translation>
    </message>
    <message>
        <source>NOT RECORDED INSIDE</source>
        <translation>未记录在场内</translation>
    </message>
    <message>
        <source>ALREADY INSIDE</source>
        <translation>已在场内</translation>
    </message>
    <message>
        <source>CODE NOT FOUND</source>
        <translation>未找到此码</translation>
    </message>
    <message>
        <source>INVALID CODE</source>
        <translation>无效码</translation>
    </message>
    <message>
        <source>BADGE REPLACED</source>
        <translation>证件已补办</translation>
    </message>
    <message>
        <source>REGISTRATION CANCELLED</source>
        <translation>注册已取消</translation>
    </message>
    <message>
        <source>ENTRY REFUSED</source>
        <translation>禁止入场</translation>
    </message>
    <message>
        <source>WRONG EVENT</source>
        <translation>非本活动证件</translation>
    </message>
    <message>
        <source>UNKNOWN ISSUER</source>
        <translation>签发方未知</translation>
    </message>
    <message>
        <source>Door — {station}</source>
        <extracomment>asks for (delta, reason) of a manual adjustment; tests replace it</extracomment>
        <translation>入口 — {station}</translation>
    </message>
    <message>
        <source>keyboard scanner</source>
        <translation>键盘式扫码枪</translation>
    </message>
    <message>
        <source>standalone</source>
        <translation>独立运行</translation>
    </message>
    <message>
        <source>Keys and display</source>
        <translation>按键与显示</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)</source>
        <translation>键盘快捷键 (F1)；显示：主题和文字大小 (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>People inside</source>
        <extracomment>font size of &quot;/ capacity&quot; and of the state&apos;s words, as a share of the count&apos;s</extracomment>
        <translation>场内人数</translation>
    </message>
    <message>
        <source>OVER CAPACITY</source>
        <extracomment>the door&apos;s word for a count past capacity (the core&apos;s states stop at &quot;full&quot;)</extracomment>
        <translation>超出容量</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>➜  IN   (F5)</source>
        <translation>➜  进场   (F5)</translation>
    </message>
    <message>
        <source>⬅  OUT   (F6)</source>
        <translation>⬅  离场   (F6)</translation>
    </message>
    <message>
        <source>Scans count as entries (F5); F7 toggles</source>
        <translation>扫码计为进场 (F5)；F7 切换</translation>
    </message>
    <message>
        <source>Scans count as exits (F6); F7 toggles</source>
        <translation>扫码计为离场 (F6)；F7 切换</translation>
    </message>
    <message>
        <source>Direction: in</source>
        <translation>方向：进场</translation>
    </message>
    <message>
        <source>Direction: out</source>
        <translation>方向：离场</translation>
    </message>
    <message>
        <source>One in</source>
        <translation>进一人</translation>
    </message>
    <message>
        <source>One out</source>
        <translation>出一人</translation>
    </message>
    <message>
        <source>Adjust…</source>
        <translation>调整…</translation>
    </message>
    <message>
        <source>Scans count as entries (IN)</source>
        <translation>扫码计为进场</translation>
    </message>
    <message>
        <source>Scans count as exits (OUT)</source>
        <translation>扫码计为离场</translation>
    </message>
    <message>
        <source>Switch between IN and OUT</source>
        <translation>在进场和离场之间切换</translation>
    </message>
    <message>
        <source>One in without a scan (clicker)</source>
        <translation>未扫码进一人（计数器）</translation>
    </message>
    <message>
        <source>One out without a scan (clicker)</source>
        <translation>未扫码出一人（计数器）</translation>
    </message>
    <message>
        <source>Adjust the count, with a reason</source>
        <translation>调整人数（需填写原因）</translation>
    </message>
    <message>
        <source>Camera as a scanner on/off (choose it in Station setup)</source>
        <translation>摄像头扫描开/关（在工作站设置中选择摄像头）</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>searching</source>
        <translation>查找中</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>error</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Scanner {states}</source>
        <translation>扫码枪 {states}</translation>
    </message>
    <message>
        <source>WELCOME — IN</source>
        <translation>欢迎 — 进场</translation>
    </message>
    <message>
        <source>GOODBYE — OUT</source>
        <translation>再见 — 离场</translation>
    </message>
    <message>
        <source>SCAN AGAIN</source>
        <translation>请重新扫描</translation>
    </message>
    <message>
        <source>The scanner stopped after {count} characters. Nothing was recorded.</source>
        <translation>扫描枪在 {count} 个字符后停止。未记录任何内容。</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>出现问题：{error}</translation>
    </message>
    <message>
        <source>NOT RECORDED</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>Scan for ENTRY</source>
        <translation>请扫码进场</translation>
    </message>
    <message>
        <source>Scan for EXIT</source>
        <translation>请扫码离场</translation>
    </message>
    <message>
        <source>Badge QR or the code from the confirmation e-mail.</source>
        <translation>证件二维码或确认邮件中的码。</translation>
    </message>
    <message>
        <source>clicker</source>
        <translation>计数器</translation>
    </message>
    <message>
        <source>Count {delta} ({reason}) recorded</source>
        <translation>已记录人数 {delta}（{reason}）</translation>
    </message>
    <message>
        <source>door station {station}</source>
        <translation>入口工作站 {station}</translation>
    </message>
    <message numerus="yes">
        <source>%n place(s) left</source>
        <translation>
            <numerusform>剩余 %n 个空位</numerusform>
        </translation>
    </message>
    <message>
        <source>No places left — entries are refused</source>
        <translation>已无空位 — 拒绝入场</translation>
    </message>
    <message numerus="yes">
        <source>%n over capacity</source>
        <translation>
            <numerusform>超出容量 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>At capacity — warn on entry</source>
        <translation>已达容量 — 入场时提醒</translation>
    </message>
    <message>
        <source>Now: {session}</source>
        <translation>当前：{session}</translation>
    </message>
    <message>
        <source>No session running — the room&apos;s own rule</source>
        <translation>当前无会议 — 按会场自身规则</translation>
    </message>
    <message>
        <source>full → entries refused</source>
        <translation>满员 → 拒绝入场</translation>
    </message>
    <message>
        <source>full → warning only</source>
        <translation>满员 → 仅提醒</translation>
    </message>
    <message>
        <source>re-entry allowed</source>
        <translation>允许再次入场</translation>
    </message>
    <message>
        <source>no re-entry</source>
        <translation>不得再次入场</translation>
    </message>
    <message>
        <source>{rule} · capacity {capacity}, {policy} · {reentry}</source>
        <translation>{rule} · 容量 {capacity}，{policy} · {reentry}</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>Edit — {name}</source>
        <translation>编辑 — {name}</translation>
    </message>
    <message>
        <source>Given name first</source>
        <translation>名在前</translation>
    </message>
    <message>
        <source>Family name first</source>
        <translation>姓在前</translation>
    </message>
</context>
<context>
    <name>Gauge</name>
    <message>
        <source>Occupancy gauge</source>
        <translation>人数仪表</translation>
    </message>
    <message>
        <source>{count} of {capacity}: {state}</source>
        <translation>{count} / {capacity}：{state}</translation>
    </message>
</context>
<context>
    <name>KeyButton</name>
    <message>
        <source>Shortcut: {key}</source>
        <translation>快捷键：{key}</translation>
    </message>
</context>
<context>
    <name>PrintQueueDialog</name>
    <message>
        <source>Print queue (F10)</source>
        <translation>打印队列 (F10)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Reason / file</source>
        <translation>原因 / 文件</translation>
    </message>
    <message>
        <source>Retry selected</source>
        <translation>重试所选</translation>
    </message>
    <message>
        <source>Cancel selected</source>
        <translation>取消所选</translation>
    </message>
    <message>
        <source>Esc   Close</source>
        <translation>Esc   关闭</translation>
    </message>
    <message>
        <source>&lt;b&gt;{printer}&lt;/b&gt; — {jobs} recent jobs; {failed} failed; {held} held by the printer</source>
        <translation>&lt;b&gt;{printer}&lt;/b&gt; — 最近 {jobs} 个任务；{failed} 个失败；{held} 个被打印机暂扣</translation>
    </message>
    <message>
        <source>printed, incomplete</source>
        <translation>已打印，不完整</translation>
    </message>
    <message>
        <source>{state}, incomplete</source>
        <translation>{state}，不完整</translation>
    </message>
    <message>
        <source>this desk ({printer})</source>
        <translation>本签到台（{printer}）</translation>
    </message>
    <message>
        <source>any printer</source>
        <translation>任意打印机</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>held by the printer</source>
        <translation>被打印机暂扣</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <source>failed at the printer</source>
        <translation>打印机处失败</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>PrintService</name>
    <message>
        <source>PDF folder {folder}</source>
        <translation>PDF 文件夹 {folder}</translation>
    </message>
</context>
<context>
    <name>PrinterChooser</name>
    <message>
        <source>PDF files in the station folder</source>
        <translation>工作站文件夹中的 PDF 文件</translation>
    </message>
    <message>
        <source>{printer} (default)</source>
        <translation>{printer}（默认）</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Or type a printer URL:
brother-ql://HOST?model=QL-820NWB&amp;label=62 (Brother QL on the network)
brother-ql:///dev/usb/lp0?model=QL-820NWB&amp;label=62 (Brother QL on USB)
zpl://HOST:9100?dpi=203&amp;width_mm=101.6 (Zebra ZPL)
cups:NAME (a CUPS queue), qt:NAME (a system printer), pdf:FOLDER (PDF files)</source>
        <translation>或输入打印机 URL：
brother-ql://HOST?model=QL-820NWB&amp;label=62（网络上的 Brother QL）
brother-ql:///dev/usb/lp0?model=QL-820NWB&amp;label=62（USB 连接的 Brother QL）
zpl://HOST:9100?dpi=203&amp;width_mm=101.6（Zebra ZPL）
cups:NAME（CUPS 队列），qt:NAME（系统打印机），pdf:FOLDER（PDF 文件）</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Badge template</source>
        <translation>证件模板</translation>
    </message>
    <message>
        <source>No preview:
{error}</source>
        <translation>无法预览：
{error}</translation>
    </message>
    <message>
        <source>Test page failed: {error}</source>
        <translation>测试页打印失败：{error}</translation>
    </message>
    <message>
        <source>Test page held by the printer: {reason}</source>
        <translation>测试页被打印机暂扣：{reason}</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Test page sent ({ref}). The square must measure 50 mm.</source>
        <translation>测试页已发送（{ref}）。方框应为 50 毫米。</translation>
    </message>
</context>
<context>
    <name>ScannerBridge</name>
    <message>
        <source>keyboard only</source>
        <extracomment>dynamic property of a widget that takes an input method (IBus, Fcitx) while the wedge is on: keys typed there go to the IME first, so a scanner cannot be read in it attendee fields that may hold text in the person&apos;s own script, typed with an input method</extracomment>
        <translation>仅键盘</translation>
    </message>
    <message>
        <source>keyboard scanner</source>
        <extracomment>optional fast path, called on the reader thread instead of emitting ``scanned``: the desk hands the scan straight to its writer lane (thread-safe), saving one wait for the GUI thread on the way to the verdict</extracomment>
        <translation>键盘式扫码枪</translation>
    </message>
    <message>
        <source>no scanner</source>
        <translation>无扫码枪</translation>
    </message>
    <message>
        <source>looking for a scanner…</source>
        <translation>正在查找扫码枪…</translation>
    </message>
    <message>
        <source>scanner stopped</source>
        <translation>扫码枪已停止</translation>
    </message>
</context>
<context>
    <name>ScannerChooser</name>
    <message>
        <source>Automatic: the USB scanner found (recommended)</source>
        <translation>自动：使用检测到的 USB 扫码枪（推荐）</translation>
    </message>
    <message>
        <source>Keyboard scanner (types like a keyboard)</source>
        <translation>键盘式扫码枪（像键盘一样输入）</translation>
    </message>
    <message>
        <source>Simulator (demo, no hardware)</source>
        <translation>模拟器（演示用，无需硬件）</translation>
    </message>
    <message>
        <source>{maker} scanner in keyboard mode, read directly — {name}</source>
        <translation>{maker} 扫描枪（键盘模式，直接读取）— {name}</translation>
    </message>
    <message>
        <source>{maker} scanner in HID POS mode, read directly — {name}</source>
        <translation>{maker} 扫描枪（HID POS 模式，直接读取）— {name}</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Native script</source>
        <translation>本国文字</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>✖ cancelled</source>
        <translation>✖ 已取消</translation>
    </message>
    <message>
        <source>✖ blocked</source>
        <translation>✖ 已禁止</translation>
    </message>
    <message>
        <source>✔ checked in</source>
        <translation>✔ 已签到</translation>
    </message>
    <message>
        <source>not yet arrived</source>
        <translation>尚未到达</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Station setup</source>
        <translation>工作站设置</translation>
    </message>
    <message>
        <source>Print a badge automatically on a successful check-in</source>
        <translation>签到成功后自动打印证件</translation>
    </message>
    <message>
        <source>Play sounds</source>
        <translation>播放提示音</translation>
    </message>
    <message>
        <source>leave empty to keep the current PIN</source>
        <translation>留空则保留当前 PIN</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>Takes effect when the station restarts.</source>
        <translation>重启工作站后生效。</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>操作员姓名</translation>
    </message>
    <message>
        <source>Language (after a restart)</source>
        <translation>界面语言（重启后生效）</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <source>Camera (F12)</source>
        <translation>摄像头（F12）</translation>
    </message>
    <message>
        <source>New supervisor PIN</source>
        <translation>新主管 PIN</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Joining a registry is not available in this version. Open a standalone event instead.</source>
        <translation>此版本不支持加入注册中心，请改为创建独立活动。</translation>
    </message>
    <message>
        <source>Venue desk — station setup</source>
        <translation>会务签到台 — 工作站设置</translation>
    </message>
    <message>
        <source>Receiving the event from the registry… {done} of {total}</source>
        <translation>正在从注册中心接收活动数据… {done} / {total}</translation>
    </message>
    <message>
        <source>Contacting the registry…</source>
        <translation>正在连接注册中心…</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Next / previous field or button</source>
        <extracomment>the camera as a scanner on/off, in the desk and the door (ui.camera); F5-F10 are taken there</extracomment>
        <translation>下一个 / 上一个输入框或按钮</translation>
    </message>
    <message>
        <source>Press the focused button, tick the focused box</source>
        <translation>按下当前按钮，勾选当前复选框</translation>
    </message>
    <message>
        <source>Next tab (where there are tabs)</source>
        <translation>下一个标签页（如有）</translation>
    </message>
    <message>
        <source>Close a dialog without saving</source>
        <translation>关闭对话框且不保存</translation>
    </message>
    <message>
        <source>This list of keys</source>
        <translation>本快捷键列表</translation>
    </message>
    <message>
        <source>Display: theme (light, dark, high contrast) and text size</source>
        <translation>显示：主题（浅色、深色、高对比度）和文字大小</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
    <message>
        <source>Shortcut list</source>
        <translation>快捷键列表</translation>
    </message>
    <message>
        <source>Every action has a key. Scanners keep working whatever has focus.</source>
        <translation>每个操作都有快捷键。无论焦点在哪里，扫码枪都能正常工作。</translation>
    </message>
    <message>
        <source>Display: theme and text size… ({key})</source>
        <translation>显示：主题和文字大小…（{key}）</translation>
    </message>
    <message>
        <source>Colours, high contrast and text size ({key})</source>
        <translation>颜色、高对比度和文字大小（{key}）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭 (Esc)</translation>
    </message>
</context>
<context>
    <name>StatusIcon</name>
    <message>
        <source>tick in a circle</source>
        <extracomment>verdict colour → (background, foreground, accent); amber text is black for contrast. The theme (ui.theme.apply_theme) updates it in place: read it when painting, not at import. ``elide``: when the pill gets less than its text&apos;s width (a status bar on a 1366 px screen) it ends in &quot;…&quot; instead of widening the window; the whole text stays its accessible name</extracomment>
        <translation>圆圈内的对勾</translation>
    </message>
    <message>
        <source>warning triangle</source>
        <translation>警告三角形</translation>
    </message>
    <message>
        <source>stop sign with a cross</source>
        <translation>带叉号的停止标志</translation>
    </message>
    <message>
        <source>scanner</source>
        <translation>扫码枪</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <source>Checked in</source>
        <extracomment>status → headline (shown in capitals next to the icon)</extracomment>
        <translation>签到成功</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>已签到过</translation>
    </message>
    <message>
        <source>Code not found</source>
        <translation>未找到此码</translation>
    </message>
    <message>
        <source>Cannot read this code</source>
        <translation>无法识别此码</translation>
    </message>
    <message>
        <source>Badge replaced — not valid</source>
        <translation>证件已补办 — 无效</translation>
    </message>
    <message>
        <source>Registration cancelled</source>
        <translation>注册已取消</translation>
    </message>
    <message>
        <source>Entry refused</source>
        <translation>禁止入场</translation>
    </message>
    <message>
        <source>Badge of another event</source>
        <translation>其他活动的证件</translation>
    </message>
    <message>
        <source>Not allowed here</source>
        <translation>无权进入此处</translation>
    </message>
    <message>
        <source>Room full</source>
        <translation>会场已满</translation>
    </message>
    <message>
        <source>Not recorded inside</source>
        <translation>未记录在场内</translation>
    </message>
    <message>
        <source>Badge issuer unknown</source>
        <translation>证件签发方未知</translation>
    </message>
    <message>
        <source>Ready — scan a code</source>
        <translation>就绪 — 请扫码</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>扫码结果</translation>
    </message>
    <message>
        <source>Scan a badge or a confirmation code. F2 finds a person by name.</source>
        <translation>请扫描证件或确认码。按 F2 可按姓名查找人员。</translation>
    </message>
    <message>
        <source>First check-in: {time} at {station}</source>
        <translation>首次签到：{time}，{station}</translation>
    </message>
    <message>
        <source>No new badge is needed unless it was lost (F6 on the person reprints).</source>
        <translation>除非证件遗失，否则无需新证件（在人员页面按 F6 补打）。</translation>
    </message>
    <message>
        <source>keyboard</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>from {source}</source>
        <translation>来自 {source}</translation>
    </message>
    <message>
        <source>Reason on record: {reason}</source>
        <translation>登记原因：{reason}</translation>
    </message>
    <message>
        <source>({script}: no font here)</source>
        <translation>（{script}：本机无字体）</translation>
    </message>
</context>
<context>
    <name>WalkinDialog</name>
    <message>
        <source>A name is needed (in any script).</source>
        <extracomment>core problem code (venue_app.ops) → what staff read, with the problem&apos;s data as placeholders</extracomment>
        <translation>需要填写姓名（任意文字）。</translation>
    </message>
    <message>
        <source>This does not look like an e-mail address.</source>
        <translation>这不像是有效的电子邮箱地址。</translation>
    </message>
    <message>
        <source>Unknown country: use a name or a two-letter code (FR, CN…).</source>
        <translation>未知国家/地区：请填写名称或两位字母代码（FR、CN…）。</translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation>请选择类别。</translation>
    </message>
    <message>
        <source>Unknown category.</source>
        <translation>未知类别。</translation>
    </message>
    <message>
        <source>Contains invisible control characters: type it again.</source>
        <translation>含有不可见的控制字符：请重新输入。</translation>
    </message>
    <message>
        <source>Too long: at most {limit} characters.</source>
        <translation>太长：最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>A registration code has no spaces or invisible characters.</source>
        <translation>注册码不能含空格或不可见字符。</translation>
    </message>
    <message>
        <source>Code {code} already belongs to another attendee.</source>
        <translation>代码 {code} 已属于另一位参会者。</translation>
    </message>
    <message>
        <source>Choose given name first or family name first.</source>
        <translation>请选择名在前或姓在前。</translation>
    </message>
    <message>
        <source>A reason is needed to cancel or block a registration.</source>
        <translation>取消或冻结注册需要填写原因。</translation>
    </message>
    <message>
        <source>Walk-in registration (F3)</source>
        <translation>现场注册 (F3)</translation>
    </message>
    <message>
        <source>As usual in their country</source>
        <translation>按其国家习惯</translation>
    </message>
    <message>
        <source>Given name first (Anna Schmidt)</source>
        <translation>名在前（Anna Schmidt）</translation>
    </message>
    <message>
        <source>Family name first (王 伟, 김 민준)</source>
        <translation>姓在前（王 伟、김 민준）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>称谓</translation>
    </message>
    <message>
        <source>Mr., Ms., Dr., H.E., Mayor…</source>
        <translation>先生、女士、博士、阁下、市长…</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>名</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Name in own script</source>
        <translation>本国文字姓名</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家/地区</translation>
    </message>
    <message>
        <source>name or code: France, FR</source>
        <translation>名称或代码：France、FR</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>代表团</translation>
    </message>
    <message>
        <source>city or body, if any</source>
        <translation>所属城市或机构（如有）</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Name order</source>
        <translation>姓名顺序</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Check in now</source>
        <translation>立即签到</translation>
    </message>
    <message>
        <source>Print the badge</source>
        <translation>打印证件</translation>
    </message>
    <message>
        <source>Ctrl+Enter   Register</source>
        <translation>Ctrl+Enter   注册</translation>
    </message>
    <message>
        <source>Esc   Close</source>
        <translation>Esc   关闭</translation>
    </message>
    <message>
        <source>&lt;b&gt;Register a walk-in.&lt;/b&gt; A name in any script, a category; the rest if known. Possible duplicates show below as you type.</source>
        <translation>&lt;b&gt;现场注册。&lt;/b&gt;填写姓名（任意文字）和类别；其余信息如已知请填写。输入时下方会显示可能重复的人员。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Already registered?&lt;/b&gt; %n similar — double-click to open instead.</source>
        <translation>
            <numerusform>&lt;b&gt;是否已注册？&lt;/b&gt;有 %n 个相似人员 — 双击可直接打开。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not register: {error}</source>
        <translation>注册失败：{error}</translation>
    </message>
</context>
<context>
    <name>_DevicesPage</name>
    <message>
        <source>Scanner and printer</source>
        <translation>扫码枪和打印机</translation>
    </message>
    <message>
        <source>What reads the badges and what prints them. Both can be changed later (Ctrl+,).</source>
        <translation>读取胸卡的设备和打印胸卡的设备。两者以后都可更改（Ctrl+,）。</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
</context>
<context>
    <name>_Flash</name>
    <message>
        <source>Last scan</source>
        <translation>最近一次扫码</translation>
    </message>
</context>
<context>
    <name>_ModePage</name>
    <message>
        <source>Welcome to Venue desk</source>
        <translation>欢迎使用会务签到台</translation>
    </message>
    <message>
        <source>Join the event&apos;s registry, or run this station on its own.</source>
        <translation>加入活动注册中心，或让本工作站独立运行。</translation>
    </message>
    <message>
        <source>Open a standalone event on this computer</source>
        <translation>在本机创建独立活动</translation>
    </message>
    <message>
        <source>Join a registry (enrolment code from the operations lead)</source>
        <translation>加入注册中心（注册码由运营负责人提供）</translation>
    </message>
    <message>
        <source>e.g. 13th Metropolis World Congress</source>
        <translation>例如：第十三届世界大都市协会大会</translation>
    </message>
    <message>
        <source>type it or scan the QR shown by the registry</source>
        <translation>手动输入或扫描注册中心显示的二维码</translation>
    </message>
    <message>
        <source>Desk 1</source>
        <translation>服务台 1</translation>
    </message>
    <message>
        <source>Event name</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <source>Registry address</source>
        <translation>注册中心地址</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>工作站注册码</translation>
    </message>
    <message>
        <source>This station&apos;s name</source>
        <translation>本工作站名称</translation>
    </message>
</context>
<context>
    <name>_OperatorPage</name>
    <message>
        <source>Who works at this desk</source>
        <translation>谁在此服务台工作</translation>
    </message>
    <message>
        <source>The supervisor PIN protects overrides, cancellations and repeated reprints.</source>
        <translation>主管 PIN 用于保护放行、取消注册和多次补打。</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>操作员姓名</translation>
    </message>
    <message>
        <source>Supervisor PIN (4+ digits)</source>
        <translation>主管 PIN（至少 4 位数字）</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>再次输入 PIN</translation>
    </message>
    <message>
        <source>The PIN needs at least 4 digits.</source>
        <translation>PIN 至少需要 4 位数字。</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>两次输入的 PIN 不一致。</translation>
    </message>
</context>
<context>
    <name>alerts</name>
    <message>
        <source>SPACE AVAILABLE</source>
        <extracomment>state → (verdict colour, words shown (translate with context &quot;alerts&quot;), icon kind)</extracomment>
        <translation>尚有空位</translation>
    </message>
    <message>
        <source>NEARLY FULL</source>
        <translation>接近满员</translation>
    </message>
    <message>
        <source>FULL</source>
        <translation>已满</translation>
    </message>
    <message>
        <source>new arrivals are refused</source>
        <translation>拒绝新到人员入场</translation>
    </message>
    <message>
        <source>over capacity: stop admitting</source>
        <translation>超出容量：停止放行</translation>
    </message>
    <message>
        <source>{room} is FULL — {count} / {capacity}; {action}.</source>
        <translation>{room}已满 — {count} / {capacity}；{action}。</translation>
    </message>
    <message numerus="yes">
        <source>{room} is nearly full — {count} / {capacity}, %n place(s) left.</source>
        <translation>
            <numerusform>{room}接近满员 — {count} / {capacity}，剩余 %n 个空位。</numerusform>
        </translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭提醒</translation>
    </message>
    <message>
        <source>{alert}   (since {time})</source>
        <translation>{alert}   （自 {time} 起）</translation>
    </message>
</context>
<context>
    <name>charts</name>
    <message>
        <source>people inside</source>
        <extracomment>tick steps of a time axis, in minutes</extracomment>
        <translation>场内人数</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>nearly full (85 %)</source>
        <translation>接近满员（85%）</translation>
    </message>
    <message>
        <source>Check-in by category</source>
        <translation>按类别统计签到</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>已注册</translation>
    </message>
    <message>
        <source>checked in</source>
        <translation>已签到</translation>
    </message>
    <message>
        <source>Check-ins per hour</source>
        <translation>每小时签到数</translation>
    </message>
    <message>
        <source>check-ins</source>
        <translation>签到</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>Standalone (no registry)</source>
        <translation>独立运行（无注册中心）</translation>
    </message>
    <message>
        <source>This station works on its own; nothing is sent anywhere.</source>
        <translation>本工作站独立运行，不向任何地方发送数据。</translation>
    </message>
    <message>
        <source>Online · synced {time}</source>
        <translation>在线 · 已同步 {time}</translation>
    </message>
    <message>
        <source>Connected to the registry.</source>
        <translation>已连接注册中心。</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Connecting to the registry…</source>
        <translation>正在连接注册中心…</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) saved here, sent when back</source>
        <translation>
            <numerusform>%n 项更改已保存在本机，恢复连接后发送</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing waiting</source>
        <translation>无待发送数据</translation>
    </message>
    <message>
        <source>OFFLINE since {time} — {waiting}</source>
        <translation>自 {time} 起离线 — {waiting}</translation>
    </message>
    <message>
        <source>The registry cannot be reached.</source>
        <translation>无法连接注册中心。</translation>
    </message>
    <message>
        <source>Keep working: every scan is saved on this station.</source>
        <translation>请继续工作：每次扫码都已保存在本工作站。</translation>
    </message>
    <message>
        <source>Station removed from the registry</source>
        <translation>工作站已被注册中心移除</translation>
    </message>
    <message>
        <source>Ask the operations lead to enrol it again.</source>
        <translation>请联系运营负责人重新注册本工作站。</translation>
    </message>
    <message>
        <source>Sync problem</source>
        <translation>同步异常</translation>
    </message>
</context>
<context>
    <name>verdict</name>
    <message>
        <source>Welcome — checked in.</source>
        <extracomment>language code → its name in that language (what a volunteer looks for in the picker); &quot;&quot; = system verdict status → the standard message of venue_app.verdicts.STATUSES (the same English text)</extracomment>
        <translation>欢迎 — 签到成功。</translation>
    </message>
    <message>
        <source>Already checked in.</source>
        <translation>已签到过。</translation>
    </message>
    <message>
        <source>Code not found. Search the person by name or send them to the help desk.</source>
        <translation>未找到此码。请按姓名搜索，或请其前往咨询台。</translation>
    </message>
    <message>
        <source>This code cannot be read or is not genuine. Scan again or search by name.</source>
        <translation>此码无法识别或不是真码。请重新扫码或按姓名搜索。</translation>
    </message>
    <message>
        <source>This badge was replaced or reported lost. Ask for the newest badge.</source>
        <translation>此证件已补办或已挂失。请出示最新证件。</translation>
    </message>
    <message>
        <source>This registration was cancelled. Send the person to the help desk.</source>
        <translation>此注册已取消。请其前往咨询台。</translation>
    </message>
    <message>
        <source>Entry refused for this person. Call a supervisor.</source>
        <translation>此人被禁止入场。请联系主管。</translation>
    </message>
    <message>
        <source>This badge belongs to another event.</source>
        <translation>此证件属于其他活动。</translation>
    </message>
    <message>
        <source>Not allowed in this room.</source>
        <translation>无权进入此会场。</translation>
    </message>
    <message>
        <source>The room is full.</source>
        <translation>会场已满。</translation>
    </message>
    <message>
        <source>Exit recorded, but this person was not recorded inside.</source>
        <translation>已记录离场，但此人未记录在场内。</translation>
    </message>
    <message>
        <source>This badge was made by a station we do not know. Call a supervisor.</source>
        <translation>此证件由未知工作站制作。请联系主管。</translation>
    </message>
    <message>
        <source>Welcome, {name} — checked in.</source>
        <extracomment>the messages the core builds with data (venue_app.checkin, ui.context, venue_app.occupancy Rule.describe, venue_app.codes / tokens reasons): English template → the same template marked for translation. The placeholders are named after what they hold; ``{rule}``, ``{problem}`` and ``{reason}`` are core words themselves and are translated in turn.</extracomment>
        <translation>欢迎，{name} — 签到成功。</translation>
    </message>
    <message>
        <source>Welcome, {name}.</source>
        <translation>欢迎，{name}。</translation>
    </message>
    <message>
        <source>Goodbye — exit recorded.</source>
        <translation>再见 — 已记录离场。</translation>
    </message>
    <message>
        <source>Already inside — welcome back.</source>
        <translation>已在场内 — 欢迎回来。</translation>
    </message>
    <message>
        <source>Already checked in at {when}, {where}.</source>
        <translation>已于 {when} 在 {where} 签到。</translation>
    </message>
    <message>
        <source>Checked in by hand.</source>
        <translation>已手动签到。</translation>
    </message>
    <message>
        <source>Checked in; badge collected by {collector}.</source>
        <translation>已签到；证件由 {collector} 代领。</translation>
    </message>
    <message>
        <source>Valid {category} badge — checked in (details arrive with sync).</source>
        <translation>有效的 {category} 证件 — 签到成功（详细信息将随同步到达）。</translation>
    </message>
    <message>
        <source>Not allowed here — {rule}.</source>
        <translation>无权进入 — {rule}。</translation>
    </message>
    <message>
        <source>No re-entry — {where}.</source>
        <translation>不得再次入场 — {where}。</translation>
    </message>
    <message>
        <source>The room is full ({count}/{capacity}).</source>
        <translation>会场已满（{count}/{capacity}）。</translation>
    </message>
    <message>
        <source>Scan not understood ({problem}). Scan again.</source>
        <translation>扫码无法识别（{problem}）。请重新扫码。</translation>
    </message>
    <message>
        <source>At capacity: {count}/{capacity}</source>
        <translation>已达容量：{count}/{capacity}</translation>
    </message>
    <message>
        <source>Nearly full: {count}/{capacity}</source>
        <translation>接近满员：{count}/{capacity}</translation>
    </message>
    <message>
        <source>{where}: open to all</source>
        <translation>{where}：对所有人开放</translation>
    </message>
    <message>
        <source>{where}: nobody only</source>
        <translation>{where}：不对任何人开放</translation>
    </message>
    <message>
        <source>{where}: {categories} only</source>
        <translation>{where}：仅限{categories}</translation>
    </message>
    <message>
        <source>guest</source>
        <translation>来宾</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>{category} badge</source>
        <translation>{category}证件</translation>
    </message>
    <message>
        <source>empty scan</source>
        <translation>扫码为空</translation>
    </message>
    <message>
        <source>scan too long</source>
        <translation>扫码过长</translation>
    </message>
    <message>
        <source>unreadable characters (not text)</source>
        <translation>无法识别的字符（非文本）</translation>
    </message>
    <message>
        <source>not a badge token</source>
        <translation>不是证件码</translation>
    </message>
    <message>
        <source>damaged token</source>
        <translation>码已损坏</translation>
    </message>
    <message>
        <source>truncated token</source>
        <translation>码不完整</translation>
    </message>
    <message>
        <source>badge of another event</source>
        <translation>其他活动的证件</translation>
    </message>
    <message>
        <source>signed by an unknown station</source>
        <translation>由未知工作站签发</translation>
    </message>
    <message>
        <source>signature does not match</source>
        <translation>签名不匹配</translation>
    </message>
    <message>
        <source>printed without the native name: no font for {script}</source>
        <translation>已打印，但缺少母语姓名：没有{script}字体</translation>
    </message>
    <message>
        <source>printed without the {what}: no font for {script}</source>
        <translation>已打印，但缺少{what}：没有{script}字体</translation>
    </message>
</context>
</TS>
