<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Adjust the count of {room}</source>
        <translation>Adjust the count of {room}</translation>
    </message>
    <message>
        <source>The count is {count}. Add or remove people that passed without a scan.</source>
        <translation>The count is {count}. Add or remove people that passed without a scan.</translation>
    </message>
    <message>
        <source>change by </source>
        <translation>change by </translation>
    </message>
    <message>
        <source>e.g. group of interpreters let in by security</source>
        <translation>e.g. group of interpreters let in by security</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>Asker</name>
    <message>
        <source>Supervisor PIN not set</source>
        <translation>Supervisor PIN not set</translation>
    </message>
    <message>
        <source>No supervisor PIN is set on this station. Set one in Station setup (Ctrl+,).</source>
        <translation>No supervisor PIN is set on this station. Set one in Station setup (Ctrl+,).</translation>
    </message>
    <message>
        <source>Supervisor approval</source>
        <translation>Supervisor approval</translation>
    </message>
    <message>
        <source>&lt;b&gt;{action}&lt;/b&gt; needs a supervisor.</source>
        <translation>&lt;b&gt;{action}&lt;/b&gt; needs a supervisor.</translation>
    </message>
    <message>
        <source>Supervisor name</source>
        <translation>Supervisor name</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>Wrong PIN</translation>
    </message>
    <message>
        <source>The supervisor PIN is not right. Nothing was changed.</source>
        <translation>The supervisor PIN is not right. Nothing was changed.</translation>
    </message>
    <message>
        <source>Missing details</source>
        <translation>Missing details</translation>
    </message>
    <message>
        <source>Name and reason are needed. Nothing was changed.</source>
        <translation>Name and reason are needed. Nothing was changed.</translation>
    </message>
</context>
<context>
    <name>AttendeePanel</name>
    <message>
        <source>lost</source>
        <extracomment>the usual answers (translated when offered; what the operator picks is recorded as shown)</extracomment>
        <translation>lost</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>damaged</translation>
    </message>
    <message>
        <source>name corrected</source>
        <translation>name corrected</translation>
    </message>
    <message>
        <source>category changed</source>
        <translation>category changed</translation>
    </message>
    <message>
        <source>stolen</source>
        <translation>stolen</translation>
    </message>
    <message>
        <source>at {station}</source>
        <extracomment>fields staff may edit at the desk (code and status have their own rules)</extracomment>
        <translation>at {station}</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>by hand</translation>
    </message>
    <message>
        <source>walk-in</source>
        <translation>walk-in</translation>
    </message>
    <message>
        <source>scan</source>
        <translation>scan</translation>
    </message>
    <message>
        <source>, collected by {name}</source>
        <translation>, collected by {name}</translation>
    </message>
    <message>
        <source>Checked in ({how}){where}</source>
        <translation>Checked in ({how}){where}</translation>
    </message>
    <message>
        <source>Admitted by supervisor: {reason}</source>
        <translation>Admitted by supervisor: {reason}</translation>
    </message>
    <message>
        <source>Badge {serial} issued{why}</source>
        <translation>Badge {serial} issued{why}</translation>
    </message>
    <message>
        <source>Badge {serial} revoked: {reason}</source>
        <translation>Badge {serial} revoked: {reason}</translation>
    </message>
    <message>
        <source>Changed {fields}</source>
        <translation>Changed {fields}</translation>
    </message>
    <message>
        <source>Registered at the desk{where}</source>
        <translation>Registered at the desk{where}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
    <message>
        <source>Print {outcome}</source>
        <translation>Print {outcome}</translation>
    </message>
    <message>
        <source>Title</source>
        <extracomment>attendee field → its label at the desk</extracomment>
        <translation>Title</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Given name</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Family name</translation>
    </message>
    <message>
        <source>Name in own script</source>
        <translation>Name in own script</translation>
    </message>
    <message>
        <source>Name order</source>
        <translation>Name order</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Job title</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>Delegation</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Interpretation</source>
        <translation>Interpretation</translation>
    </message>
    <message>
        <source>Accessibility</source>
        <translation>Accessibility</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Registration code</source>
        <translation>Registration code</translation>
    </message>
    <message>
        <source>Badges</source>
        <translation>Badges</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Check in by hand</source>
        <translation>Check in by hand</translation>
    </message>
    <message>
        <source>Print badge</source>
        <translation>Print badge</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Cancel registration…</source>
        <translation>Cancel registration…</translation>
    </message>
    <message>
        <source>Block…</source>
        <translation>Block…</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Back to scanning</translation>
    </message>
    <message>
        <source>&lt;b&gt;Badges&lt;/b&gt;</source>
        <translation>&lt;b&gt;Badges&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;History&lt;/b&gt;</source>
        <translation>&lt;b&gt;History&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Registration active</source>
        <translation>Registration active</translation>
    </message>
    <message>
        <source>✖ CANCELLED</source>
        <translation>✖ CANCELLED</translation>
    </message>
    <message>
        <source>✖ BLOCKED</source>
        <translation>✖ BLOCKED</translation>
    </message>
    <message>
        <source>✔ Checked in {time} at {station}</source>
        <translation>✔ Checked in {time} at {station}</translation>
    </message>
    <message>
        <source>Not checked in yet</source>
        <translation>Not checked in yet</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>valid</translation>
    </message>
    <message>
        <source>revoked — {reason}</source>
        <translation>revoked — {reason}</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>replaced</translation>
    </message>
    <message>
        <source>No badge printed yet</source>
        <translation>No badge printed yet</translation>
    </message>
    <message>
        <source>(times in {zone}, event time)</source>
        <translation>(times in {zone}, event time)</translation>
    </message>
    <message>
        <source>Check-in of {name}</source>
        <translation>Check-in of {name}</translation>
    </message>
    <message>
        <source>A check-in cannot be taken back on this version.</source>
        <translation>A check-in cannot be taken back on this version.</translation>
    </message>
    <message>
        <source>Reprint badge</source>
        <translation>Reprint badge</translation>
    </message>
    <message>
        <source>Why is a new badge needed? The old badge will stop working now.</source>
        <translation>Why is a new badge needed? The old badge will stop working now.</translation>
    </message>
    <message>
        <source>Reprint #{number}</source>
        <translation>Reprint #{number}</translation>
    </message>
    <message>
        <source>Reprinting badge</source>
        <translation>Reprinting badge</translation>
    </message>
    <message>
        <source>Old badge revoked ({reason}). A new badge is printing.</source>
        <translation>Old badge revoked ({reason}). A new badge is printing.</translation>
    </message>
    <message>
        <source>Badge print for {name}</source>
        <translation>Badge print for {name}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>Edit of {fields}</source>
        <translation>Edit of {fields}</translation>
    </message>
    <message>
        <source>the edit</source>
        <translation>the edit</translation>
    </message>
    <message>
        <source>Cancel this registration</source>
        <translation>Cancel this registration</translation>
    </message>
    <message>
        <source>Block this person</source>
        <translation>Block this person</translation>
    </message>
    <message>
        <source>the cancelled status</source>
        <translation>the cancelled status</translation>
    </message>
    <message>
        <source>the blocked status</source>
        <translation>the blocked status</translation>
    </message>
    <message>
        <source>Cancellation of {name}</source>
        <translation>Cancellation of {name}</translation>
    </message>
    <message>
        <source>Block of {name}</source>
        <translation>Block of {name}</translation>
    </message>
    <message>
        <source>the badge print (cancelled before printing)</source>
        <translation>the badge print (cancelled before printing)</translation>
    </message>
    <message>
        <source>the badge was already printed; reprint it if it is wrong</source>
        <translation>the badge was already printed; reprint it if it is wrong</translation>
    </message>
</context>
<context>
    <name>CameraChooser</name>
    <message>
        <source>Camera for scanning</source>
        <translation>Camera for scanning</translation>
    </message>
    <message>
        <source>The system&apos;s default camera</source>
        <translation>The system&apos;s default camera</translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation>{name} (not connected)</translation>
    </message>
    <message>
        <source>No camera found on this computer.</source>
        <extracomment>said under the list when the computer has no camera at all</extracomment>
        <translation>No camera found on this computer.</translation>
    </message>
    <message>
        <source>{key} turns the camera on and off in the desk and the door.</source>
        <translation>{key} turns the camera on and off in the desk and the door.</translation>
    </message>
</context>
<context>
    <name>CameraPreview</name>
    <message>
        <source>Camera preview</source>
        <translation>Camera preview</translation>
    </message>
</context>
<context>
    <name>CameraScan</name>
    <message>
        <source>The camera chosen in Station setup ({name}) is not connected. Connect it, or choose another in Station setup (Ctrl+,).</source>
        <extracomment>optional fast path, called on the scanner&apos;s thread instead of emitting ``scanned`` (the desk&apos;s handle_scan only queues work on its write lane) how a new :class:`ScanGate` is made (tests shorten its times) when a frame was seen, for telling a code still in view from one shown again (tests that push frames set a clock of the frames&apos; own times, so a slow machine does not stretch their gaps)</extracomment>
        <translation>The camera chosen in Station setup ({name}) is not connected. Connect it, or choose another in Station setup (Ctrl+,).</translation>
    </message>
    <message>
        <source>No camera found. Connect a camera, then press {key} again.</source>
        <translation>No camera found. Connect a camera, then press {key} again.</translation>
    </message>
    <message>
        <source>Camera scanning is not available in this build: the QR code reader (zxing-cpp) is not installed.</source>
        <translation>Camera scanning is not available in this build: the QR code reader (zxing-cpp) is not installed.</translation>
    </message>
    <message>
        <source>{camera}: hold the badge&apos;s QR code up to it · {key} turns it off</source>
        <translation>{camera}: hold the badge&apos;s QR code up to it · {key} turns it off</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Camera off ({key} turns it on)</source>
        <translation>Camera off ({key} turns it on)</translation>
    </message>
    <message>
        <source>The camera stopped: {error}. Press {key} to try again.</source>
        <translation>The camera stopped: {error}. Press {key} to try again.</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>unknown error</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <source>Fullest first</source>
        <extracomment>the tile orders (English keys; shown translated)</extracomment>
        <translation>Fullest first</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Most people</source>
        <translation>Most people</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Latest activity</source>
        <translation>Latest activity</translation>
    </message>
    <message>
        <source>{station}: no data yet</source>
        <translation>{station}: no data yet</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message>
        <source>{station}: offline for {span}</source>
        <translation>{station}: offline for {span}</translation>
    </message>
    <message>
        <source>{station}: no data for {span}</source>
        <translation>{station}: no data for {span}</translation>
    </message>
    <message>
        <source>no session</source>
        <translation>no session</translation>
    </message>
    <message>
        <source>block</source>
        <translation>block</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>warn</translation>
    </message>
    <message>
        <source>policy: {policy}</source>
        <translation>policy: {policy}</translation>
    </message>
    <message>
        <source>last event: {time}</source>
        <translation>last event: {time}</translation>
    </message>
    <message>
        <source>{station}: last seen {time}</source>
        <translation>{station}: last seen {time}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Dashboard — {event}</source>
        <extracomment>asks where to save an export (suffix .pdf or .csv); tests replace it the order of the tiles follows the numbers at most this often (seconds)</extracomment>
        <translation>Dashboard — {event}</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>standalone</source>
        <translation>standalone</translation>
    </message>
    <message>
        <source>Filter rooms: name, zone, session…</source>
        <translation>Filter rooms: name, zone, session…</translation>
    </message>
    <message>
        <source>Only rooms needing attention</source>
        <translation>Only rooms needing attention</translation>
    </message>
    <message>
        <source>Export PDF report…</source>
        <translation>Export PDF report…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>Filter rooms</source>
        <translation>Filter rooms</translation>
    </message>
    <message>
        <source>Filter rooms (Ctrl+F)</source>
        <translation>Filter rooms (Ctrl+F)</translation>
    </message>
    <message>
        <source>Export a PDF report (Ctrl+P)</source>
        <translation>Export a PDF report (Ctrl+P)</translation>
    </message>
    <message>
        <source>Export the rooms as CSV</source>
        <translation>Export the rooms as CSV</translation>
    </message>
    <message>
        <source>Keys and display</source>
        <translation>Keys and display</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)</source>
        <translation>Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>&amp;Sort:</source>
        <translation>&amp;Sort:</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>&amp;Room:</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Rooms</translation>
    </message>
    <message>
        <source>Station</source>
        <extracomment>a door station without news for this long is flagged on its room&apos;s tile (the default of the ``station_offline_after_s`` setting, which the window follows) the station list&apos;s columns (English keys; shown translated)</extracomment>
        <translation>Station</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Room</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <source>Last heard</source>
        <translation>Last heard</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <source>{span} ago</source>
        <translation>{span} ago</translation>
    </message>
    <message>
        <source>Occupancy over time</source>
        <translation>Occupancy over time</translation>
    </message>
    <message>
        <source>Check-in progress</source>
        <translation>Check-in progress</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Stations: role, room, last heard, outbox, online or offline</source>
        <translation>Stations: role, room, last heard, outbox, online or offline</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Stations</translation>
    </message>
    <message>
        <source>Conflicts found by the sync</source>
        <translation>Conflicts found by the sync</translation>
    </message>
    <message>
        <source>Dashboard views</source>
        <translation>Dashboard views</translation>
    </message>
    <message>
        <source>Export a PDF report</source>
        <translation>Export a PDF report</translation>
    </message>
    <message>
        <source>Insecure connection to the registry: plain HTTP over the network. Anyone on it can read this station&apos;s token and the attendee data. Ask congress IT to serve the registry over HTTPS and enrol this station again.</source>
        <translation>Insecure connection to the registry: plain HTTP over the network. Anyone on it can read this station&apos;s token and the attendee data. Ask congress IT to serve the registry over HTTPS and enrol this station again.</translation>
    </message>
    <message>
        <source>Checked in {checked} / {registered} ({percent} %)</source>
        <translation>Checked in {checked} / {registered} ({percent} %)</translation>
    </message>
    <message>
        <source>In rooms {count}</source>
        <translation>In rooms {count}</translation>
    </message>
    <message>
        <source>updated {time}</source>
        <translation>updated {time}</translation>
    </message>
    <message>
        <source>{room} — people inside</source>
        <translation>{room} — people inside</translation>
    </message>
    <message>
        <source>⚠ This dashboard is offline: numbers from other stations are not updating.</source>
        <translation>⚠ This dashboard is offline: numbers from other stations are not updating.</translation>
    </message>
    <message>
        <source>⚠ This dashboard is offline since {time}: numbers from other stations are not updating.</source>
        <translation>⚠ This dashboard is offline since {time}: numbers from other stations are not updating.</translation>
    </message>
    <message>
        <source>⚠ Registration link (pretix) stopped: {words}. Check-ins are kept and sent when it runs again ({count} waiting).</source>
        <translation>⚠ Registration link (pretix) stopped: {words}. Check-ins are kept and sent when it runs again ({count} waiting).</translation>
    </message>
    <message>
        <source>⚠ Registration link (pretix) failing since {time}: {words}. Check-ins are kept and sent when it is back ({count} waiting).</source>
        <translation>⚠ Registration link (pretix) failing since {time}: {words}. Check-ins are kept and sent when it is back ({count} waiting).</translation>
    </message>
    <message>
        <source>⚠ Registration link (pretix) failing: {words}. Check-ins are kept and sent when it is back ({count} waiting).</source>
        <translation>⚠ Registration link (pretix) failing: {words}. Check-ins are kept and sent when it is back ({count} waiting).</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>desk</translation>
    </message>
    <message>
        <source>door</source>
        <translation>door</translation>
    </message>
    <message>
        <source>dashboard</source>
        <translation>dashboard</translation>
    </message>
    <message>
        <source>● online (this station)</source>
        <translation>● online (this station)</translation>
    </message>
    <message>
        <source>now</source>
        <translation>now</translation>
    </message>
    <message>
        <source>● online</source>
        <translation>● online</translation>
    </message>
    <message>
        <source>{ago} ({time})</source>
        <translation>{ago} ({time})</translation>
    </message>
    <message>
        <source>⚠ OFFLINE — never heard</source>
        <translation>⚠ OFFLINE — never heard</translation>
    </message>
    <message>
        <source>{station} (never heard)</source>
        <translation>{station} (never heard)</translation>
    </message>
    <message>
        <source>⚠ OFFLINE</source>
        <translation>⚠ OFFLINE</translation>
    </message>
    <message>
        <source>{station} ({ago})</source>
        <translation>{station} ({ago})</translation>
    </message>
    <message>
        <source>Stations ({count} offline)</source>
        <translation>Stations ({count} offline)</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n station(s) not heard from for over {limit}: {stations}</source>
        <translation>
            <numerusform>⚠ %n station not heard from for over {limit}: {stations}</numerusform>
            <numerusform>⚠ %n stations not heard from for over {limit}: {stations}</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the station list</source>
        <translation>Show the station list</translation>
    </message>
    <message>
        <source>Conflicts ({count})</source>
        <translation>Conflicts ({count})</translation>
    </message>
    <message>
        <source>checked in at {stations}</source>
        <translation>checked in at {stations}</translation>
    </message>
    <message>
        <source>double check-in</source>
        <translation>double check-in</translation>
    </message>
    <message>
        <source>parallel reprints</source>
        <translation>parallel reprints</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>PDF report (*.pdf)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>Writing {file}…</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>Report saved: {path}</translation>
    </message>
    <message>
        <source>Report failed: {error}</source>
        <translation>Report failed: {error}</translation>
    </message>
</context>
<context>
    <name>DelegationPanel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Native script</source>
        <translation>Native script</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Badge</translation>
    </message>
    <message>
        <source>Check in remaining and print their badges</source>
        <translation>Check in remaining and print their badges</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Back to scanning</translation>
    </message>
    <message>
        <source>Delegation:</source>
        <translation>Delegation:</translation>
    </message>
    <message>
        <source>{delegation} — {arrived}/{members} arrived</source>
        <translation>{delegation} — {arrived}/{members} arrived</translation>
    </message>
    <message>
        <source>{members} members · {arrived} arrived · {badges} badges printed</source>
        <translation>{members} members · {arrived} arrived · {badges} badges printed</translation>
    </message>
    <message>
        <source>✔ arrived</source>
        <translation>✔ arrived</translation>
    </message>
    <message>
        <source>✖ cancelled</source>
        <translation>✖ cancelled</translation>
    </message>
    <message>
        <source>✖ blocked</source>
        <translation>✖ blocked</translation>
    </message>
    <message>
        <source>✔ printed</source>
        <translation>✔ printed</translation>
    </message>
    <message>
        <source>Check in {arrivals} remaining and print {badges} badges</source>
        <translation>Check in {arrivals} remaining and print {badges} badges</translation>
    </message>
    <message>
        <source>Collect badges</source>
        <translation>Collect badges</translation>
    </message>
    <message>
        <source>Who collects the badges? (name, and role — e.g. protocol officer)</source>
        <translation>Who collects the badges? (name, and role — e.g. protocol officer)</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message numerus="yes">
        <source>%n fact(s) recorded on this station</source>
        <translation>
            <numerusform>%n fact recorded on this station</numerusform>
            <numerusform>%n facts recorded on this station</numerusform>
        </translation>
    </message>
    <message>
        <source>Outbox: {count}</source>
        <translation>Outbox: {count}</translation>
    </message>
    <message numerus="yes">
        <source>Clock %n min slow — check the time</source>
        <translation>
            <numerusform>Clock %n min slow — check the time</numerusform>
            <numerusform>Clock %n min slow — check the time</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clock %n min fast — check the time</source>
        <translation>
            <numerusform>Clock %n min fast — check the time</numerusform>
            <numerusform>Clock %n min fast — check the time</numerusform>
        </translation>
    </message>
    <message>
        <source>Check-in times are still ordered correctly; fix the computer&apos;s clock when you can.</source>
        <translation>Check-in times are still ordered correctly; fix the computer&apos;s clock when you can.</translation>
    </message>
    <message>
        <source>Printer: {printer}</source>
        <translation>Printer: {printer}</translation>
    </message>
    <message>
        <source>{count} printing</source>
        <translation>{count} printing</translation>
    </message>
    <message>
        <source>{count} held by the printer</source>
        <translation>{count} held by the printer</translation>
    </message>
    <message>
        <source>{count} failed</source>
        <translation>{count} failed</translation>
    </message>
    <message>
        <source>Badge printer</source>
        <translation>Badge printer</translation>
    </message>
    <message>
        <source>Scanner connected</source>
        <translation>Scanner connected</translation>
    </message>
    <message>
        <source>Looking for scanner</source>
        <translation>Looking for scanner</translation>
    </message>
    <message>
        <source>Scanner disconnected</source>
        <translation>Scanner disconnected</translation>
    </message>
    <message>
        <source>Scanner problem</source>
        <translation>Scanner problem</translation>
    </message>
    <message>
        <source>Keyboard scanner</source>
        <translation>Keyboard scanner</translation>
    </message>
    <message>
        <source>Operator: {name}</source>
        <translation>Operator: {name}</translation>
    </message>
    <message>
        <source>Event time: {zone}. This computer&apos;s clock says {time}.</source>
        <translation>Event time: {zone}. This computer&apos;s clock says {time}.</translation>
    </message>
    <message>
        <source>Event time: {zone}</source>
        <translation>Event time: {zone}</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>Venue desk — {event} — {station}</source>
        <extracomment>the search field&apos;s input method turns itself off after this long without a committed character a scan&apos;s verdict is on the panel (status); tests and the benchmark wait on it how long &quot;Reading scan…&quot; may stay lit without the scan ending (ms)</extracomment>
        <translation>Venue desk — {event} — {station}</translation>
    </message>
    <message>
        <source>F2  Search: name in any script, organisation, e-mail, code…</source>
        <translation>F2  Search: name in any script, organisation, e-mail, code…</translation>
    </message>
    <message>
        <source>Search people</source>
        <translation>Search people</translation>
    </message>
    <message>
        <source>Search (F2 or Ctrl+F): ↓ to the results, Enter opens, Esc back</source>
        <translation>Search (F2 or Ctrl+F): ↓ to the results, Enter opens, Esc back</translation>
    </message>
    <message>
        <source>Reading scan…</source>
        <translation>Reading scan…</translation>
    </message>
    <message>
        <source>IME on · scans paused</source>
        <translation>IME on · scans paused</translation>
    </message>
    <message>
        <source>The input method types in the search field and scanners are paused there. Esc or Ctrl+Space turns it off. Pinyin, romaji and Latin spellings are found without it.</source>
        <translation>The input method types in the search field and scanners are paused there. Esc or Ctrl+Space turns it off. Pinyin, romaji and Latin spellings are found without it.</translation>
    </message>
    <message>
        <source>Recent scans</source>
        <translation>Recent scans</translation>
    </message>
    <message>
        <source>Newest first; Enter opens the person</source>
        <translation>Newest first; Enter opens the person</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent scans&lt;/b&gt; — Enter opens the person · Ctrl+Z undoes the last action</source>
        <translation>&lt;b&gt;Recent scans&lt;/b&gt; — Enter opens the person · Ctrl+Z undoes the last action</translation>
    </message>
    <message>
        <source>(times in {zone}, event time)</source>
        <translation>(times in {zone}, event time)</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>by hand</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>Delegations</source>
        <translation>Delegations</translation>
    </message>
    <message>
        <source>Undo last</source>
        <translation>Undo last</translation>
    </message>
    <message>
        <source>Supervisor override</source>
        <translation>Supervisor override</translation>
    </message>
    <message>
        <source>Print queue</source>
        <translation>Print queue</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Back to scanning</translation>
    </message>
    <message>
        <source>Demo scanner on/off</source>
        <translation>Demo scanner on/off</translation>
    </message>
    <message>
        <source>Station setup</source>
        <translation>Station setup</translation>
    </message>
    <message>
        <source>On a person: check in by hand</source>
        <translation>On a person: check in by hand</translation>
    </message>
    <message>
        <source>On a person: print or reprint the badge</source>
        <translation>On a person: print or reprint the badge</translation>
    </message>
    <message>
        <source>On a person: edit</source>
        <translation>On a person: edit</translation>
    </message>
    <message>
        <source>On a delegation: check in the remaining members and print their badges</source>
        <translation>On a delegation: check in the remaining members and print their badges</translation>
    </message>
    <message>
        <source>Search (same as F2)</source>
        <translation>Search (same as F2)</translation>
    </message>
    <message>
        <source>Search (F2 or Ctrl+F)</source>
        <translation>Search (F2 or Ctrl+F)</translation>
    </message>
    <message>
        <source>Camera as a scanner on/off (choose it in Station setup)</source>
        <translation>Camera as a scanner on/off (choose it in Station setup)</translation>
    </message>
    <message>
        <source>Search with the input method (Chinese, Japanese, Korean…); scanners pause while it is on</source>
        <translation>Search with the input method (Chinese, Japanese, Korean…); scanners pause while it is on</translation>
    </message>
    <message>
        <source>Keys and display</source>
        <translation>Keys and display</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)</source>
        <translation>Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>Desk, ready to scan</source>
        <translation>Desk, ready to scan</translation>
    </message>
    <message>
        <source>demo scanner (F8 stops it)</source>
        <translation>demo scanner (F8 stops it)</translation>
    </message>
    <message>
        <source>badge holder</source>
        <translation>badge holder</translation>
    </message>
    <message>
        <source>Check-in of {name}</source>
        <translation>Check-in of {name}</translation>
    </message>
    <message>
        <source>A check-in cannot be taken back on this version.</source>
        <translation>A check-in cannot be taken back on this version.</translation>
    </message>
    <message>
        <source>badge print cancelled</source>
        <translation>badge print cancelled</translation>
    </message>
    <message>
        <source>check-in taken back</source>
        <translation>check-in taken back</translation>
    </message>
    <message>
        <source>the badge is already printed and a check-in cannot be taken back here</source>
        <translation>the badge is already printed and a check-in cannot be taken back here</translation>
    </message>
    <message>
        <source> and </source>
        <translation> and </translation>
    </message>
    <message>
        <source>Scan incomplete</source>
        <translation>Scan incomplete</translation>
    </message>
    <message>
        <source>The scanner stopped after {count} characters, without Enter. Nothing was recorded. Scan again.</source>
        <translation>The scanner stopped after {count} characters, without Enter. Nothing was recorded. Scan again.</translation>
    </message>
    <message>
        <source>Scan not recorded</source>
        <translation>Scan not recorded</translation>
    </message>
    <message>
        <source>Something went wrong: {error}. Scan again.</source>
        <translation>Something went wrong: {error}. Scan again.</translation>
    </message>
    <message>
        <source>checked in</source>
        <translation>checked in</translation>
    </message>
    <message>
        <source>already in</source>
        <translation>already in</translation>
    </message>
    <message>
        <source>{time} — scan the next code</source>
        <translation>{time} — scan the next code</translation>
    </message>
    <message>
        <source>a badge holder</source>
        <translation>a badge holder</translation>
    </message>
    <message>
        <source>Badge of {name} not printed</source>
        <translation>Badge of {name} not printed</translation>
    </message>
    <message>
        <source>The printer reported: {reason}. The job can be retried (F10); the check-in is saved.</source>
        <translation>The printer reported: {reason}. The job can be retried (F10); the check-in is saved.</translation>
    </message>
    <message>
        <source>Badge of {name} held by the printer</source>
        <translation>Badge of {name} held by the printer</translation>
    </message>
    <message>
        <source>The printer keeps it: {reason}. It prints once the printer is ready again; the check-in is saved.</source>
        <translation>The printer keeps it: {reason}. It prints once the printer is ready again; the check-in is saved.</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>Badge {reason}.</source>
        <translation>Badge {reason}.</translation>
    </message>
    <message>
        <source>Badge printed</source>
        <translation>Badge printed</translation>
    </message>
    <message>
        <source>Walk-in registered</source>
        <translation>Walk-in registered</translation>
    </message>
    <message>
        <source>Registered and checked in. The badge is printing.</source>
        <translation>Registered and checked in. The badge is printing.</translation>
    </message>
    <message>
        <source>Walk-in {name}</source>
        <translation>Walk-in {name}</translation>
    </message>
    <message>
        <source>A registration stays; cancel it from the person&apos;s page if it was wrong.</source>
        <translation>A registration stays; cancel it from the person&apos;s page if it was wrong.</translation>
    </message>
    <message>
        <source>Delegation checked in</source>
        <translation>Delegation checked in</translation>
    </message>
    <message numerus="yes">
        <source>%n checked in on behalf,</source>
        <translation>
            <numerusform>%n checked in on behalf,</numerusform>
            <numerusform>%n checked in on behalf,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n badge(s) printing,</source>
        <translation>
            <numerusform>%n badge printing,</numerusform>
            <numerusform>%n badges printing,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped (cancelled or blocked).</source>
        <translation>
            <numerusform>%n skipped (cancelled or blocked).</numerusform>
            <numerusform>%n skipped (cancelled or blocked).</numerusform>
        </translation>
    </message>
    <message>
        <source>Printer not changed</source>
        <translation>Printer not changed</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; found for “{query}” — ↓ to choose, Enter to open</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; found for “{query}” — ↓ to choose, Enter to open</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; found for “{query}” — ↓ to choose, Enter to open</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to override</source>
        <translation>Nothing to override</translation>
    </message>
    <message>
        <source>A supervisor override applies to the last refused scan of a known person.</source>
        <translation>A supervisor override applies to the last refused scan of a known person.</translation>
    </message>
    <message>
        <source>Admit {name} despite “{verdict}”</source>
        <translation>Admit {name} despite “{verdict}”</translation>
    </message>
    <message>
        <source>Admitted by supervisor</source>
        <translation>Admitted by supervisor</translation>
    </message>
    <message>
        <source>{supervisor}: {reason}. Recorded with the check-in.</source>
        <translation>{supervisor}: {reason}. Recorded with the check-in.</translation>
    </message>
    <message>
        <source>Override not recorded</source>
        <translation>Override not recorded</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nothing to undo</translation>
    </message>
    <message>
        <source>There is no recent action to take back.</source>
        <translation>There is no recent action to take back.</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>Cannot undo</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Undone</translation>
    </message>
    <message>
        <source>Checked in {arrived} of {expected}</source>
        <translation>Checked in {arrived} of {expected}</translation>
    </message>
    <message>
        <source>Auto-print badges: ON</source>
        <translation>Auto-print badges: ON</translation>
    </message>
    <message>
        <source>Auto-print badges: off</source>
        <translation>Auto-print badges: off</translation>
    </message>
</context>
<context>
    <name>DisplayDialog</name>
    <message>
        <source>Follow the system (light or dark)</source>
        <translation>Follow the system (light or dark)</translation>
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
        <source>High contrast (white on black, yellow focus)</source>
        <translation>High contrast (white on black, yellow focus)</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>Large</translation>
    </message>
    <message>
        <source>Extra large</source>
        <translation>Extra large</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Display</translation>
    </message>
    <message>
        <source>Changes show at once. Verdicts always carry an icon and words, whatever the colours.</source>
        <translation>Changes show at once. Verdicts always carry an icon and words, whatever the colours.</translation>
    </message>
    <message>
        <source>&amp;Colours</source>
        <translation>&amp;Colours</translation>
    </message>
    <message>
        <source>&amp;Text size</source>
        <translation>&amp;Text size</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>DoorWindow</name>
    <message>
        <source>WELCOME</source>
        <extracomment>verdict status → headline words on the flash</extracomment>
        <translation>WELCOME</translation>
    </message>
    <message>
        <source>NOT ALLOWED</source>
        <translation>NOT ALLOWED</translation>
    </message>
    <message>
        <source>ROOM FULL</source>
        <translation>ROOM FULL</translation>
    </message>
    <message>
        <source>NOT RECORDED INSIDE</source>
        <translation>NOT RECORDED INSIDE</translation>
    </message>
    <message>
        <source>ALREADY INSIDE</source>
        <translation>ALREADY INSIDE</translation>
    </message>
    <message>
        <source>CODE NOT FOUND</source>
        <translation>CODE NOT FOUND</translation>
    </message>
    <message>
        <source>INVALID CODE</source>
        <translation>INVALID CODE</translation>
    </message>
    <message>
        <source>BADGE REPLACED</source>
        <translation>BADGE REPLACED</translation>
    </message>
    <message>
        <source>REGISTRATION CANCELLED</source>
        <translation>REGISTRATION CANCELLED</translation>
    </message>
    <message>
        <source>ENTRY REFUSED</source>
        <translation>ENTRY REFUSED</translation>
    </message>
    <message>
        <source>WRONG EVENT</source>
        <translation>WRONG EVENT</translation>
    </message>
    <message>
        <source>UNKNOWN ISSUER</source>
        <translation>UNKNOWN ISSUER</translation>
    </message>
    <message>
        <source>Door — {station}</source>
        <extracomment>asks for (delta, reason) of a manual adjustment; tests replace it</extracomment>
        <translation>Door — {station}</translation>
    </message>
    <message>
        <source>keyboard scanner</source>
        <translation>keyboard scanner</translation>
    </message>
    <message>
        <source>standalone</source>
        <translation>standalone</translation>
    </message>
    <message>
        <source>Keys and display</source>
        <translation>Keys and display</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)</source>
        <translation>Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>People inside</source>
        <extracomment>font size of &quot;/ capacity&quot; and of the state&apos;s words, as a share of the count&apos;s</extracomment>
        <translation>People inside</translation>
    </message>
    <message>
        <source>OVER CAPACITY</source>
        <extracomment>the door&apos;s word for a count past capacity (the core&apos;s states stop at &quot;full&quot;)</extracomment>
        <translation>OVER CAPACITY</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>➜  IN   (F5)</source>
        <translation>➜  IN   (F5)</translation>
    </message>
    <message>
        <source>⬅  OUT   (F6)</source>
        <translation>⬅  OUT   (F6)</translation>
    </message>
    <message>
        <source>Scans count as entries (F5); F7 toggles</source>
        <translation>Scans count as entries (F5); F7 toggles</translation>
    </message>
    <message>
        <source>Scans count as exits (F6); F7 toggles</source>
        <translation>Scans count as exits (F6); F7 toggles</translation>
    </message>
    <message>
        <source>Direction: in</source>
        <translation>Direction: in</translation>
    </message>
    <message>
        <source>Direction: out</source>
        <translation>Direction: out</translation>
    </message>
    <message>
        <source>One in</source>
        <translation>One in</translation>
    </message>
    <message>
        <source>One out</source>
        <translation>One out</translation>
    </message>
    <message>
        <source>Adjust…</source>
        <translation>Adjust…</translation>
    </message>
    <message>
        <source>Scans count as entries (IN)</source>
        <translation>Scans count as entries (IN)</translation>
    </message>
    <message>
        <source>Scans count as exits (OUT)</source>
        <translation>Scans count as exits (OUT)</translation>
    </message>
    <message>
        <source>Switch between IN and OUT</source>
        <translation>Switch between IN and OUT</translation>
    </message>
    <message>
        <source>One in without a scan (clicker)</source>
        <translation>One in without a scan (clicker)</translation>
    </message>
    <message>
        <source>One out without a scan (clicker)</source>
        <translation>One out without a scan (clicker)</translation>
    </message>
    <message>
        <source>Adjust the count, with a reason</source>
        <translation>Adjust the count, with a reason</translation>
    </message>
    <message>
        <source>Camera as a scanner on/off (choose it in Station setup)</source>
        <translation>Camera as a scanner on/off (choose it in Station setup)</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connected</translation>
    </message>
    <message>
        <source>searching</source>
        <translation>searching</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>disconnected</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>Scanner {states}</source>
        <translation>Scanner {states}</translation>
    </message>
    <message>
        <source>WELCOME — IN</source>
        <translation>WELCOME — IN</translation>
    </message>
    <message>
        <source>GOODBYE — OUT</source>
        <translation>GOODBYE — OUT</translation>
    </message>
    <message>
        <source>SCAN AGAIN</source>
        <translation>SCAN AGAIN</translation>
    </message>
    <message>
        <source>The scanner stopped after {count} characters. Nothing was recorded.</source>
        <translation>The scanner stopped after {count} characters. Nothing was recorded.</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Something went wrong: {error}</translation>
    </message>
    <message>
        <source>NOT RECORDED</source>
        <translation>NOT RECORDED</translation>
    </message>
    <message>
        <source>Scan for ENTRY</source>
        <translation>Scan for ENTRY</translation>
    </message>
    <message>
        <source>Scan for EXIT</source>
        <translation>Scan for EXIT</translation>
    </message>
    <message>
        <source>Badge QR or the code from the confirmation e-mail.</source>
        <translation>Badge QR or the code from the confirmation e-mail.</translation>
    </message>
    <message>
        <source>clicker</source>
        <translation>clicker</translation>
    </message>
    <message>
        <source>Count {delta} ({reason}) recorded</source>
        <translation>Count {delta} ({reason}) recorded</translation>
    </message>
    <message>
        <source>door station {station}</source>
        <translation>door station {station}</translation>
    </message>
    <message numerus="yes">
        <source>%n place(s) left</source>
        <translation>
            <numerusform>%n place left</numerusform>
            <numerusform>%n places left</numerusform>
        </translation>
    </message>
    <message>
        <source>No places left — entries are refused</source>
        <translation>No places left — entries are refused</translation>
    </message>
    <message numerus="yes">
        <source>%n over capacity</source>
        <translation>
            <numerusform>%n over capacity</numerusform>
            <numerusform>%n over capacity</numerusform>
        </translation>
    </message>
    <message>
        <source>At capacity — warn on entry</source>
        <translation>At capacity — warn on entry</translation>
    </message>
    <message>
        <source>Now: {session}</source>
        <translation>Now: {session}</translation>
    </message>
    <message>
        <source>No session running — the room&apos;s own rule</source>
        <translation>No session running — the room&apos;s own rule</translation>
    </message>
    <message>
        <source>full → entries refused</source>
        <translation>full → entries refused</translation>
    </message>
    <message>
        <source>full → warning only</source>
        <translation>full → warning only</translation>
    </message>
    <message>
        <source>re-entry allowed</source>
        <translation>re-entry allowed</translation>
    </message>
    <message>
        <source>no re-entry</source>
        <translation>no re-entry</translation>
    </message>
    <message>
        <source>{rule} · capacity {capacity}, {policy} · {reentry}</source>
        <translation>{rule} · capacity {capacity}, {policy} · {reentry}</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>Edit — {name}</source>
        <translation>Edit — {name}</translation>
    </message>
    <message>
        <source>Given name first</source>
        <translation>Given name first</translation>
    </message>
    <message>
        <source>Family name first</source>
        <translation>Family name first</translation>
    </message>
</context>
<context>
    <name>Gauge</name>
    <message>
        <source>Occupancy gauge</source>
        <translation>Occupancy gauge</translation>
    </message>
    <message>
        <source>{count} of {capacity}: {state}</source>
        <translation>{count} of {capacity}: {state}</translation>
    </message>
</context>
<context>
    <name>KeyButton</name>
    <message>
        <source>Shortcut: {key}</source>
        <translation>Shortcut: {key}</translation>
    </message>
</context>
<context>
    <name>PrintQueueDialog</name>
    <message>
        <source>Print queue (F10)</source>
        <translation>Print queue (F10)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Reason / file</source>
        <translation>Reason / file</translation>
    </message>
    <message>
        <source>Retry selected</source>
        <translation>Retry selected</translation>
    </message>
    <message>
        <source>Cancel selected</source>
        <translation>Cancel selected</translation>
    </message>
    <message>
        <source>Esc   Close</source>
        <translation>Esc   Close</translation>
    </message>
    <message>
        <source>&lt;b&gt;{printer}&lt;/b&gt; — {jobs} recent jobs; {failed} failed; {held} held by the printer</source>
        <translation>&lt;b&gt;{printer}&lt;/b&gt; — {jobs} recent jobs; {failed} failed; {held} held by the printer</translation>
    </message>
    <message>
        <source>printed, incomplete</source>
        <translation>printed, incomplete</translation>
    </message>
    <message>
        <source>{state}, incomplete</source>
        <translation>{state}, incomplete</translation>
    </message>
    <message>
        <source>this desk ({printer})</source>
        <translation>this desk ({printer})</translation>
    </message>
    <message>
        <source>any printer</source>
        <translation>any printer</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>sending</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>held by the printer</source>
        <translation>held by the printer</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>printed</translation>
    </message>
    <message>
        <source>failed at the printer</source>
        <translation>failed at the printer</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>queued</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelled</translation>
    </message>
</context>
<context>
    <name>PrintService</name>
    <message>
        <source>PDF folder {folder}</source>
        <translation>PDF folder {folder}</translation>
    </message>
</context>
<context>
    <name>PrinterChooser</name>
    <message>
        <source>PDF files in the station folder</source>
        <translation>PDF files in the station folder</translation>
    </message>
    <message>
        <source>{printer} (default)</source>
        <translation>{printer} (default)</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>preview</translation>
    </message>
    <message>
        <source>Or type a printer URL:
brother-ql://HOST?model=QL-820NWB&amp;label=62 (Brother QL on the network)
brother-ql:///dev/usb/lp0?model=QL-820NWB&amp;label=62 (Brother QL on USB)
zpl://HOST:9100?dpi=203&amp;width_mm=101.6 (Zebra ZPL)
cups:NAME (a CUPS queue), qt:NAME (a system printer), pdf:FOLDER (PDF files)</source>
        <translation>Or type a printer URL:
brother-ql://HOST?model=QL-820NWB&amp;label=62 (Brother QL on the network)
brother-ql:///dev/usb/lp0?model=QL-820NWB&amp;label=62 (Brother QL on USB)
zpl://HOST:9100?dpi=203&amp;width_mm=101.6 (Zebra ZPL)
cups:NAME (a CUPS queue), qt:NAME (a system printer), pdf:FOLDER (PDF files)</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>Print a test page</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <source>Badge template</source>
        <translation>Badge template</translation>
    </message>
    <message>
        <source>No preview:
{error}</source>
        <translation>No preview:
{error}</translation>
    </message>
    <message>
        <source>Test page failed: {error}</source>
        <translation>Test page failed: {error}</translation>
    </message>
    <message>
        <source>Test page held by the printer: {reason}</source>
        <translation>Test page held by the printer: {reason}</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>Test page sent ({ref}). The square must measure 50 mm.</source>
        <translation>Test page sent ({ref}). The square must measure 50 mm.</translation>
    </message>
</context>
<context>
    <name>ScannerBridge</name>
    <message>
        <source>keyboard only</source>
        <extracomment>dynamic property of a widget that takes an input method (IBus, Fcitx) while the wedge is on: keys typed there go to the IME first, so a scanner cannot be read in it attendee fields that may hold text in the person&apos;s own script, typed with an input method</extracomment>
        <translation>keyboard only</translation>
    </message>
    <message>
        <source>keyboard scanner</source>
        <extracomment>optional fast path, called on the reader thread instead of emitting ``scanned``: the desk hands the scan straight to its writer lane (thread-safe), saving one wait for the GUI thread on the way to the verdict</extracomment>
        <translation>keyboard scanner</translation>
    </message>
    <message>
        <source>no scanner</source>
        <translation>no scanner</translation>
    </message>
    <message>
        <source>looking for a scanner…</source>
        <translation>looking for a scanner…</translation>
    </message>
    <message>
        <source>scanner stopped</source>
        <translation>scanner stopped</translation>
    </message>
</context>
<context>
    <name>ScannerChooser</name>
    <message>
        <source>Automatic: the USB scanner found (recommended)</source>
        <translation>Automatic: the USB scanner found (recommended)</translation>
    </message>
    <message>
        <source>Keyboard scanner (types like a keyboard)</source>
        <translation>Keyboard scanner (types like a keyboard)</translation>
    </message>
    <message>
        <source>Simulator (demo, no hardware)</source>
        <translation>Simulator (demo, no hardware)</translation>
    </message>
    <message>
        <source>{maker} scanner in keyboard mode, read directly — {name}</source>
        <translation>{maker} scanner in keyboard mode, read directly — {name}</translation>
    </message>
    <message>
        <source>{maker} scanner in HID POS mode, read directly — {name}</source>
        <translation>{maker} scanner in HID POS mode, read directly — {name}</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Native script</source>
        <translation>Native script</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>✖ cancelled</source>
        <translation>✖ cancelled</translation>
    </message>
    <message>
        <source>✖ blocked</source>
        <translation>✖ blocked</translation>
    </message>
    <message>
        <source>✔ checked in</source>
        <translation>✔ checked in</translation>
    </message>
    <message>
        <source>not yet arrived</source>
        <translation>not yet arrived</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Station setup</source>
        <translation>Station setup</translation>
    </message>
    <message>
        <source>Print a badge automatically on a successful check-in</source>
        <translation>Print a badge automatically on a successful check-in</translation>
    </message>
    <message>
        <source>Play sounds</source>
        <translation>Play sounds</translation>
    </message>
    <message>
        <source>leave empty to keep the current PIN</source>
        <translation>leave empty to keep the current PIN</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>System language</translation>
    </message>
    <message>
        <source>Takes effect when the station restarts.</source>
        <translation>Takes effect when the station restarts.</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Operator name</translation>
    </message>
    <message>
        <source>Language (after a restart)</source>
        <translation>Language (after a restart)</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>Camera (F12)</source>
        <translation>Camera (F12)</translation>
    </message>
    <message>
        <source>New supervisor PIN</source>
        <translation>New supervisor PIN</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Joining a registry is not available in this version. Open a standalone event instead.</source>
        <translation>Joining a registry is not available in this version. Open a standalone event instead.</translation>
    </message>
    <message>
        <source>Venue desk — station setup</source>
        <translation>Venue desk — station setup</translation>
    </message>
    <message>
        <source>Receiving the event from the registry… {done} of {total}</source>
        <translation>Receiving the event from the registry… {done} of {total}</translation>
    </message>
    <message>
        <source>Contacting the registry…</source>
        <translation>Contacting the registry…</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Next / previous field or button</source>
        <extracomment>the camera as a scanner on/off, in the desk and the door (ui.camera); F5-F10 are taken there</extracomment>
        <translation>Next / previous field or button</translation>
    </message>
    <message>
        <source>Press the focused button, tick the focused box</source>
        <translation>Press the focused button, tick the focused box</translation>
    </message>
    <message>
        <source>Next tab (where there are tabs)</source>
        <translation>Next tab (where there are tabs)</translation>
    </message>
    <message>
        <source>Close a dialog without saving</source>
        <translation>Close a dialog without saving</translation>
    </message>
    <message>
        <source>This list of keys</source>
        <translation>This list of keys</translation>
    </message>
    <message>
        <source>Display: theme (light, dark, high contrast) and text size</source>
        <translation>Display: theme (light, dark, high contrast) and text size</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>What it does</translation>
    </message>
    <message>
        <source>Shortcut list</source>
        <translation>Shortcut list</translation>
    </message>
    <message>
        <source>Every action has a key. Scanners keep working whatever has focus.</source>
        <translation>Every action has a key. Scanners keep working whatever has focus.</translation>
    </message>
    <message>
        <source>Display: theme and text size… ({key})</source>
        <translation>Display: theme and text size… ({key})</translation>
    </message>
    <message>
        <source>Colours, high contrast and text size ({key})</source>
        <translation>Colours, high contrast and text size ({key})</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
</context>
<context>
    <name>StatusIcon</name>
    <message>
        <source>tick in a circle</source>
        <extracomment>verdict colour → (background, foreground, accent); amber text is black for contrast. The theme (ui.theme.apply_theme) updates it in place: read it when painting, not at import. ``elide``: when the pill gets less than its text&apos;s width (a status bar on a 1366 px screen) it ends in &quot;…&quot; instead of widening the window; the whole text stays its accessible name</extracomment>
        <translation>tick in a circle</translation>
    </message>
    <message>
        <source>warning triangle</source>
        <translation>warning triangle</translation>
    </message>
    <message>
        <source>stop sign with a cross</source>
        <translation>stop sign with a cross</translation>
    </message>
    <message>
        <source>scanner</source>
        <translation>scanner</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <source>Checked in</source>
        <extracomment>status → headline (shown in capitals next to the icon)</extracomment>
        <translation>Checked in</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>Already checked in</translation>
    </message>
    <message>
        <source>Code not found</source>
        <translation>Code not found</translation>
    </message>
    <message>
        <source>Cannot read this code</source>
        <translation>Cannot read this code</translation>
    </message>
    <message>
        <source>Badge replaced — not valid</source>
        <translation>Badge replaced — not valid</translation>
    </message>
    <message>
        <source>Registration cancelled</source>
        <translation>Registration cancelled</translation>
    </message>
    <message>
        <source>Entry refused</source>
        <translation>Entry refused</translation>
    </message>
    <message>
        <source>Badge of another event</source>
        <translation>Badge of another event</translation>
    </message>
    <message>
        <source>Not allowed here</source>
        <translation>Not allowed here</translation>
    </message>
    <message>
        <source>Room full</source>
        <translation>Room full</translation>
    </message>
    <message>
        <source>Not recorded inside</source>
        <translation>Not recorded inside</translation>
    </message>
    <message>
        <source>Badge issuer unknown</source>
        <translation>Badge issuer unknown</translation>
    </message>
    <message>
        <source>Ready — scan a code</source>
        <translation>Ready — scan a code</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Scan a badge or a confirmation code. F2 finds a person by name.</source>
        <translation>Scan a badge or a confirmation code. F2 finds a person by name.</translation>
    </message>
    <message>
        <source>First check-in: {time} at {station}</source>
        <translation>First check-in: {time} at {station}</translation>
    </message>
    <message>
        <source>No new badge is needed unless it was lost (F6 on the person reprints).</source>
        <translation>No new badge is needed unless it was lost (F6 on the person reprints).</translation>
    </message>
    <message>
        <source>keyboard</source>
        <translation>keyboard</translation>
    </message>
    <message>
        <source>from {source}</source>
        <translation>from {source}</translation>
    </message>
    <message>
        <source>Reason on record: {reason}</source>
        <translation>Reason on record: {reason}</translation>
    </message>
    <message>
        <source>({script}: no font here)</source>
        <translation>({script}: no font here)</translation>
    </message>
</context>
<context>
    <name>WalkinDialog</name>
    <message>
        <source>A name is needed (in any script).</source>
        <extracomment>core problem code (venue_app.ops) → what staff read, with the problem&apos;s data as placeholders</extracomment>
        <translation>A name is needed (in any script).</translation>
    </message>
    <message>
        <source>This does not look like an e-mail address.</source>
        <translation>This does not look like an e-mail address.</translation>
    </message>
    <message>
        <source>Unknown country: use a name or a two-letter code (FR, CN…).</source>
        <translation>Unknown country: use a name or a two-letter code (FR, CN…).</translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation>Choose a category.</translation>
    </message>
    <message>
        <source>Unknown category.</source>
        <translation>Unknown category.</translation>
    </message>
    <message>
        <source>Contains invisible control characters: type it again.</source>
        <translation>Contains invisible control characters: type it again.</translation>
    </message>
    <message>
        <source>Too long: at most {limit} characters.</source>
        <translation>Too long: at most {limit} characters.</translation>
    </message>
    <message>
        <source>A registration code has no spaces or invisible characters.</source>
        <translation>A registration code has no spaces or invisible characters.</translation>
    </message>
    <message>
        <source>Code {code} already belongs to another attendee.</source>
        <translation>Code {code} already belongs to another attendee.</translation>
    </message>
    <message>
        <source>Choose given name first or family name first.</source>
        <translation>Choose given name first or family name first.</translation>
    </message>
    <message>
        <source>A reason is needed to cancel or block a registration.</source>
        <translation>A reason is needed to cancel or block a registration.</translation>
    </message>
    <message>
        <source>Walk-in registration (F3)</source>
        <translation>Walk-in registration (F3)</translation>
    </message>
    <message>
        <source>As usual in their country</source>
        <translation>As usual in their country</translation>
    </message>
    <message>
        <source>Given name first (Anna Schmidt)</source>
        <translation>Given name first (Anna Schmidt)</translation>
    </message>
    <message>
        <source>Family name first (王 伟, 김 민준)</source>
        <translation>Family name first (王 伟, 김 민준)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Mr., Ms., Dr., H.E., Mayor…</source>
        <translation>Mr., Ms., Dr., H.E., Mayor…</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Given name</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Family name</translation>
    </message>
    <message>
        <source>Name in own script</source>
        <translation>Name in own script</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Job title</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>name or code: France, FR</source>
        <translation>name or code: France, FR</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>Delegation</translation>
    </message>
    <message>
        <source>city or body, if any</source>
        <translation>city or body, if any</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Name order</source>
        <translation>Name order</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Check in now</source>
        <translation>Check in now</translation>
    </message>
    <message>
        <source>Print the badge</source>
        <translation>Print the badge</translation>
    </message>
    <message>
        <source>Ctrl+Enter   Register</source>
        <translation>Ctrl+Enter   Register</translation>
    </message>
    <message>
        <source>Esc   Close</source>
        <translation>Esc   Close</translation>
    </message>
    <message>
        <source>&lt;b&gt;Register a walk-in.&lt;/b&gt; A name in any script, a category; the rest if known. Possible duplicates show below as you type.</source>
        <translation>&lt;b&gt;Register a walk-in.&lt;/b&gt; A name in any script, a category; the rest if known. Possible duplicates show below as you type.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Already registered?&lt;/b&gt; %n similar — double-click to open instead.</source>
        <translation>
            <numerusform>&lt;b&gt;Already registered?&lt;/b&gt; %n similar — double-click to open instead.</numerusform>
            <numerusform>&lt;b&gt;Already registered?&lt;/b&gt; %n similar — double-click to open instead.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not register: {error}</source>
        <translation>Could not register: {error}</translation>
    </message>
</context>
<context>
    <name>_DevicesPage</name>
    <message>
        <source>Scanner and printer</source>
        <translation>Scanner and printer</translation>
    </message>
    <message>
        <source>What reads the badges and what prints them. Both can be changed later (Ctrl+,).</source>
        <translation>What reads the badges and what prints them. Both can be changed later (Ctrl+,).</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
</context>
<context>
    <name>_Flash</name>
    <message>
        <source>Last scan</source>
        <translation>Last scan</translation>
    </message>
</context>
<context>
    <name>_ModePage</name>
    <message>
        <source>Welcome to Venue desk</source>
        <translation>Welcome to Venue desk</translation>
    </message>
    <message>
        <source>Join the event&apos;s registry, or run this station on its own.</source>
        <translation>Join the event&apos;s registry, or run this station on its own.</translation>
    </message>
    <message>
        <source>Open a standalone event on this computer</source>
        <translation>Open a standalone event on this computer</translation>
    </message>
    <message>
        <source>Join a registry (enrolment code from the operations lead)</source>
        <translation>Join a registry (enrolment code from the operations lead)</translation>
    </message>
    <message>
        <source>e.g. 13th Metropolis World Congress</source>
        <translation>e.g. 13th Metropolis World Congress</translation>
    </message>
    <message>
        <source>type it or scan the QR shown by the registry</source>
        <translation>type it or scan the QR shown by the registry</translation>
    </message>
    <message>
        <source>Desk 1</source>
        <translation>Desk 1</translation>
    </message>
    <message>
        <source>Event name</source>
        <translation>Event name</translation>
    </message>
    <message>
        <source>Registry address</source>
        <translation>Registry address</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <source>This station&apos;s name</source>
        <translation>This station&apos;s name</translation>
    </message>
</context>
<context>
    <name>_OperatorPage</name>
    <message>
        <source>Who works at this desk</source>
        <translation>Who works at this desk</translation>
    </message>
    <message>
        <source>The supervisor PIN protects overrides, cancellations and repeated reprints.</source>
        <translation>The supervisor PIN protects overrides, cancellations and repeated reprints.</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Operator name</translation>
    </message>
    <message>
        <source>Supervisor PIN (4+ digits)</source>
        <translation>Supervisor PIN (4+ digits)</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>PIN again</translation>
    </message>
    <message>
        <source>The PIN needs at least 4 digits.</source>
        <translation>The PIN needs at least 4 digits.</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>The two PINs differ.</translation>
    </message>
</context>
<context>
    <name>alerts</name>
    <message>
        <source>SPACE AVAILABLE</source>
        <extracomment>state → (verdict colour, words shown (translate with context &quot;alerts&quot;), icon kind)</extracomment>
        <translation>SPACE AVAILABLE</translation>
    </message>
    <message>
        <source>NEARLY FULL</source>
        <translation>NEARLY FULL</translation>
    </message>
    <message>
        <source>FULL</source>
        <translation>FULL</translation>
    </message>
    <message>
        <source>new arrivals are refused</source>
        <translation>new arrivals are refused</translation>
    </message>
    <message>
        <source>over capacity: stop admitting</source>
        <translation>over capacity: stop admitting</translation>
    </message>
    <message>
        <source>{room} is FULL — {count} / {capacity}; {action}.</source>
        <translation>{room} is FULL — {count} / {capacity}; {action}.</translation>
    </message>
    <message numerus="yes">
        <source>{room} is nearly full — {count} / {capacity}, %n place(s) left.</source>
        <translation>
            <numerusform>{room} is nearly full — {count} / {capacity}, %n place left.</numerusform>
            <numerusform>{room} is nearly full — {count} / {capacity}, %n places left.</numerusform>
        </translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>{alert}   (since {time})</source>
        <translation>{alert}   (since {time})</translation>
    </message>
</context>
<context>
    <name>charts</name>
    <message>
        <source>people inside</source>
        <extracomment>tick steps of a time axis, in minutes</extracomment>
        <translation>people inside</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>capacity</translation>
    </message>
    <message>
        <source>nearly full (85 %)</source>
        <translation>nearly full (85 %)</translation>
    </message>
    <message>
        <source>Check-in by category</source>
        <translation>Check-in by category</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>registered</translation>
    </message>
    <message>
        <source>checked in</source>
        <translation>checked in</translation>
    </message>
    <message>
        <source>Check-ins per hour</source>
        <translation>Check-ins per hour</translation>
    </message>
    <message>
        <source>check-ins</source>
        <translation>check-ins</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>Standalone (no registry)</source>
        <translation>Standalone (no registry)</translation>
    </message>
    <message>
        <source>This station works on its own; nothing is sent anywhere.</source>
        <translation>This station works on its own; nothing is sent anywhere.</translation>
    </message>
    <message>
        <source>Online · synced {time}</source>
        <translation>Online · synced {time}</translation>
    </message>
    <message>
        <source>Connected to the registry.</source>
        <translation>Connected to the registry.</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Connecting to the registry…</source>
        <translation>Connecting to the registry…</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) saved here, sent when back</source>
        <translation>
            <numerusform>%n change saved here, sent when back</numerusform>
            <numerusform>%n changes saved here, sent when back</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing waiting</source>
        <translation>nothing waiting</translation>
    </message>
    <message>
        <source>OFFLINE since {time} — {waiting}</source>
        <translation>OFFLINE since {time} — {waiting}</translation>
    </message>
    <message>
        <source>The registry cannot be reached.</source>
        <translation>The registry cannot be reached.</translation>
    </message>
    <message>
        <source>Keep working: every scan is saved on this station.</source>
        <translation>Keep working: every scan is saved on this station.</translation>
    </message>
    <message>
        <source>Station removed from the registry</source>
        <translation>Station removed from the registry</translation>
    </message>
    <message>
        <source>Ask the operations lead to enrol it again.</source>
        <translation>Ask the operations lead to enrol it again.</translation>
    </message>
    <message>
        <source>Sync problem</source>
        <translation>Sync problem</translation>
    </message>
</context>
<context>
    <name>verdict</name>
    <message>
        <source>Welcome — checked in.</source>
        <extracomment>language code → its name in that language (what a volunteer looks for in the picker); &quot;&quot; = system verdict status → the standard message of venue_app.verdicts.STATUSES (the same English text)</extracomment>
        <translation>Welcome — checked in.</translation>
    </message>
    <message>
        <source>Already checked in.</source>
        <translation>Already checked in.</translation>
    </message>
    <message>
        <source>Code not found. Search the person by name or send them to the help desk.</source>
        <translation>Code not found. Search the person by name or send them to the help desk.</translation>
    </message>
    <message>
        <source>This code cannot be read or is not genuine. Scan again or search by name.</source>
        <translation>This code cannot be read or is not genuine. Scan again or search by name.</translation>
    </message>
    <message>
        <source>This badge was replaced or reported lost. Ask for the newest badge.</source>
        <translation>This badge was replaced or reported lost. Ask for the newest badge.</translation>
    </message>
    <message>
        <source>This registration was cancelled. Send the person to the help desk.</source>
        <translation>This registration was cancelled. Send the person to the help desk.</translation>
    </message>
    <message>
        <source>Entry refused for this person. Call a supervisor.</source>
        <translation>Entry refused for this person. Call a supervisor.</translation>
    </message>
    <message>
        <source>This badge belongs to another event.</source>
        <translation>This badge belongs to another event.</translation>
    </message>
    <message>
        <source>Not allowed in this room.</source>
        <translation>Not allowed in this room.</translation>
    </message>
    <message>
        <source>The room is full.</source>
        <translation>The room is full.</translation>
    </message>
    <message>
        <source>Exit recorded, but this person was not recorded inside.</source>
        <translation>Exit recorded, but this person was not recorded inside.</translation>
    </message>
    <message>
        <source>This badge was made by a station we do not know. Call a supervisor.</source>
        <translation>This badge was made by a station we do not know. Call a supervisor.</translation>
    </message>
    <message>
        <source>Welcome, {name} — checked in.</source>
        <extracomment>the messages the core builds with data (venue_app.checkin, ui.context, venue_app.occupancy Rule.describe, venue_app.codes / tokens reasons): English template → the same template marked for translation. The placeholders are named after what they hold; ``{rule}``, ``{problem}`` and ``{reason}`` are core words themselves and are translated in turn.</extracomment>
        <translation>Welcome, {name} — checked in.</translation>
    </message>
    <message>
        <source>Welcome, {name}.</source>
        <translation>Welcome, {name}.</translation>
    </message>
    <message>
        <source>Goodbye — exit recorded.</source>
        <translation>Goodbye — exit recorded.</translation>
    </message>
    <message>
        <source>Already inside — welcome back.</source>
        <translation>Already inside — welcome back.</translation>
    </message>
    <message>
        <source>Already checked in at {when}, {where}.</source>
        <translation>Already checked in at {when}, {where}.</translation>
    </message>
    <message>
        <source>Checked in by hand.</source>
        <translation>Checked in by hand.</translation>
    </message>
    <message>
        <source>Checked in; badge collected by {collector}.</source>
        <translation>Checked in; badge collected by {collector}.</translation>
    </message>
    <message>
        <source>Valid {category} badge — checked in (details arrive with sync).</source>
        <translation>Valid {category} badge — checked in (details arrive with sync).</translation>
    </message>
    <message>
        <source>Not allowed here — {rule}.</source>
        <translation>Not allowed here — {rule}.</translation>
    </message>
    <message>
        <source>No re-entry — {where}.</source>
        <translation>No re-entry — {where}.</translation>
    </message>
    <message>
        <source>The room is full ({count}/{capacity}).</source>
        <translation>The room is full ({count}/{capacity}).</translation>
    </message>
    <message>
        <source>Scan not understood ({problem}). Scan again.</source>
        <translation>Scan not understood ({problem}). Scan again.</translation>
    </message>
    <message>
        <source>At capacity: {count}/{capacity}</source>
        <translation>At capacity: {count}/{capacity}</translation>
    </message>
    <message>
        <source>Nearly full: {count}/{capacity}</source>
        <translation>Nearly full: {count}/{capacity}</translation>
    </message>
    <message>
        <source>{where}: open to all</source>
        <translation>{where}: open to all</translation>
    </message>
    <message>
        <source>{where}: nobody only</source>
        <translation>{where}: nobody only</translation>
    </message>
    <message>
        <source>{where}: {categories} only</source>
        <translation>{where}: {categories} only</translation>
    </message>
    <message>
        <source>guest</source>
        <translation>guest</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>valid</translation>
    </message>
    <message>
        <source>{category} badge</source>
        <translation>{category} badge</translation>
    </message>
    <message>
        <source>empty scan</source>
        <translation>empty scan</translation>
    </message>
    <message>
        <source>scan too long</source>
        <translation>scan too long</translation>
    </message>
    <message>
        <source>unreadable characters (not text)</source>
        <translation>unreadable characters (not text)</translation>
    </message>
    <message>
        <source>not a badge token</source>
        <translation>not a badge token</translation>
    </message>
    <message>
        <source>damaged token</source>
        <translation>damaged token</translation>
    </message>
    <message>
        <source>truncated token</source>
        <translation>truncated token</translation>
    </message>
    <message>
        <source>badge of another event</source>
        <translation>badge of another event</translation>
    </message>
    <message>
        <source>signed by an unknown station</source>
        <translation>signed by an unknown station</translation>
    </message>
    <message>
        <source>signature does not match</source>
        <translation>signature does not match</translation>
    </message>
    <message>
        <source>printed without the native name: no font for {script}</source>
        <translation>printed without the native name: no font for {script}</translation>
    </message>
    <message>
        <source>printed without the {what}: no font for {script}</source>
        <translation>printed without the {what}: no font for {script}</translation>
    </message>
</context>
</TS>
