<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Adjust the count of {room}</source>
        <translation>Ajustar el recuento de {room}</translation>
    </message>
    <message>
        <source>The count is {count}. Add or remove people that passed without a scan.</source>
        <translation>El recuento es {count}. Sume o reste las personas que pasaron sin escanear.</translation>
    </message>
    <message>
        <source>change by </source>
        <translation>cambio </translation>
    </message>
    <message>
        <source>e.g. group of interpreters let in by security</source>
        <translation>p. ej., grupo de intérpretes que dejó pasar seguridad</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
</context>
<context>
    <name>Asker</name>
    <message>
        <source>Supervisor PIN not set</source>
        <translation>PIN de supervisor no configurado</translation>
    </message>
    <message>
        <source>No supervisor PIN is set on this station. Set one in Station setup (Ctrl+,).</source>
        <translation>Este puesto no tiene PIN de supervisor. Configúrelo en Configuración del puesto (Ctrl+,).</translation>
    </message>
    <message>
        <source>Supervisor approval</source>
        <translation>Autorización del supervisor</translation>
    </message>
    <message>
        <source>&lt;b&gt;{action}&lt;/b&gt; needs a supervisor.</source>
        <translation>&lt;b&gt;{action}&lt;/b&gt; requiere un supervisor.</translation>
    </message>
    <message>
        <source>Supervisor name</source>
        <translation>Nombre del supervisor</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>PIN incorrecto</translation>
    </message>
    <message>
        <source>The supervisor PIN is not right. Nothing was changed.</source>
        <translation>El PIN de supervisor no es correcto. No se ha cambiado nada.</translation>
    </message>
    <message>
        <source>Missing details</source>
        <translation>Faltan datos</translation>
    </message>
    <message>
        <source>Name and reason are needed. Nothing was changed.</source>
        <translation>Se necesitan el nombre y el motivo. No se ha cambiado nada.</translation>
    </message>
</context>
<context>
    <name>AttendeePanel</name>
    <message>
        <source>lost</source>
        <extracomment>the usual answers (translated when offered; what the operator picks is recorded as shown)</extracomment>
        <translation>perdida</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>dañada</translation>
    </message>
    <message>
        <source>name corrected</source>
        <translation>nombre corregido</translation>
    </message>
    <message>
        <source>category changed</source>
        <translation>categoría cambiada</translation>
    </message>
    <message>
        <source>stolen</source>
        <translation>robada</translation>
    </message>
    <message>
        <source>at {station}</source>
        <extracomment>fields staff may edit at the desk (code and status have their own rules)</extracomment>
        <translation>en {station}</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>a mano</translation>
    </message>
    <message>
        <source>walk-in</source>
        <translation>inscripción in situ</translation>
    </message>
    <message>
        <source>scan</source>
        <translation>escaneo</translation>
    </message>
    <message>
        <source>, collected by {name}</source>
        <translation>, recogida por {name}</translation>
    </message>
    <message>
        <source>Checked in ({how}){where}</source>
        <translation>Entrada registrada ({how}){where}</translation>
    </message>
    <message>
        <source>Admitted by supervisor: {reason}</source>
        <translation>Admitido por el supervisor: {reason}</translation>
    </message>
    <message>
        <source>Badge {serial} issued{why}</source>
        <translation>Acreditación {serial} emitida{why}</translation>
    </message>
    <message>
        <source>Badge {serial} revoked: {reason}</source>
        <translation>Acreditación {serial} anulada: {reason}</translation>
    </message>
    <message>
        <source>Changed {fields}</source>
        <translation>Modificado: {fields}</translation>
    </message>
    <message>
        <source>Registered at the desk{where}</source>
        <translation>Inscrito en el mostrador{where}</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
    <message>
        <source>Print {outcome}</source>
        <translation>Impresión: {outcome}</translation>
    </message>
    <message>
        <source>Title</source>
        <extracomment>attendee field → its label at the desk</extracomment>
        <translation>Tratamiento</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Name in own script</source>
        <translation>Nombre en su escritura</translation>
    </message>
    <message>
        <source>Name order</source>
        <translation>Orden del nombre</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>Delegación</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Interpretation</source>
        <translation>Interpretación</translation>
    </message>
    <message>
        <source>Accessibility</source>
        <translation>Accesibilidad</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Registration code</source>
        <translation>Código de inscripción</translation>
    </message>
    <message>
        <source>Badges</source>
        <translation>Acreditaciones</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Check in by hand</source>
        <translation>Registrar a mano</translation>
    </message>
    <message>
        <source>Print badge</source>
        <translation>Imprimir acreditación</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Cancel registration…</source>
        <translation>Cancelar inscripción…</translation>
    </message>
    <message>
        <source>Block…</source>
        <translation>Bloquear…</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Volver a escanear</translation>
    </message>
    <message>
        <source>&lt;b&gt;Badges&lt;/b&gt;</source>
        <translation>&lt;b&gt;Acreditaciones&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;History&lt;/b&gt;</source>
        <translation>&lt;b&gt;Historial&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Registration active</source>
        <translation>Inscripción activa</translation>
    </message>
    <message>
        <source>✖ CANCELLED</source>
        <translation>✖ CANCELADA</translation>
    </message>
    <message>
        <source>✖ BLOCKED</source>
        <translation>✖ BLOQUEADO</translation>
    </message>
    <message>
        <source>✔ Checked in {time} at {station}</source>
        <translation>✔ Entrada a las {time} en {station}</translation>
    </message>
    <message>
        <source>Not checked in yet</source>
        <translation>Aún no ha llegado</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>válida</translation>
    </message>
    <message>
        <source>revoked — {reason}</source>
        <translation>anulada — {reason}</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>sustituida</translation>
    </message>
    <message>
        <source>No badge printed yet</source>
        <translation>Aún no se ha impreso ninguna acreditación</translation>
    </message>
    <message>
        <source>(times in {zone}, event time)</source>
        <translation>(horas en {zone}, hora del evento)</translation>
    </message>
    <message>
        <source>Check-in of {name}</source>
        <translation>Entrada de {name}</translation>
    </message>
    <message>
        <source>A check-in cannot be taken back on this version.</source>
        <translation>Esta versión no permite deshacer una entrada.</translation>
    </message>
    <message>
        <source>Reprint badge</source>
        <translation>Reimprimir acreditación</translation>
    </message>
    <message>
        <source>Why is a new badge needed? The old badge will stop working now.</source>
        <translation>¿Por qué hace falta una nueva acreditación? La anterior dejará de funcionar ahora.</translation>
    </message>
    <message>
        <source>Reprint #{number}</source>
        <translation>Reimpresión n.º {number}</translation>
    </message>
    <message>
        <source>Reprinting badge</source>
        <translation>Reimprimiendo acreditación</translation>
    </message>
    <message>
        <source>Old badge revoked ({reason}). A new badge is printing.</source>
        <translation>Acreditación anterior anulada ({reason}). Se está imprimiendo una nueva.</translation>
    </message>
    <message>
        <source>Badge print for {name}</source>
        <translation>Impresión de la acreditación de {name}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>No guardado</translation>
    </message>
    <message>
        <source>Edit of {fields}</source>
        <translation>Edición de {fields}</translation>
    </message>
    <message>
        <source>the edit</source>
        <translation>la edición</translation>
    </message>
    <message>
        <source>Cancel this registration</source>
        <translation>Cancelar esta inscripción</translation>
    </message>
    <message>
        <source>Block this person</source>
        <translation>Bloquear a esta persona</translation>
    </message>
    <message>
        <source>the cancelled status</source>
        <translation>el estado «cancelada»</translation>
    </message>
    <message>
        <source>the blocked status</source>
        <translation>el estado «bloqueado»</translation>
    </message>
    <message>
        <source>Cancellation of {name}</source>
        <translation>Cancelación de {name}</translation>
    </message>
    <message>
        <source>Block of {name}</source>
        <translation>Bloqueo de {name}</translation>
    </message>
    <message>
        <source>the badge print (cancelled before printing)</source>
        <translation>la impresión de la acreditación (cancelada antes de imprimir)</translation>
    </message>
    <message>
        <source>the badge was already printed; reprint it if it is wrong</source>
        <translation>la acreditación ya está impresa; reimprímala si es incorrecta</translation>
    </message>
</context>
<context>
    <name>CameraChooser</name>
    <message>
        <source>Camera for scanning</source>
        <translation>Cámara para escanear</translation>
    </message>
    <message>
        <source>The system&apos;s default camera</source>
        <translation>La cámara predeterminada del sistema</translation>
    </message>
    <message>
        <source>{name} (not connected)</source>
        <translation>{name} (no conectada)</translation>
    </message>
    <message>
        <source>No camera found on this computer.</source>
        <extracomment>said under the list when the computer has no camera at all</extracomment>
        <translation>No se encontró ninguna cámara en este ordenador.</translation>
    </message>
    <message>
        <source>{key} turns the camera on and off in the desk and the door.</source>
        <translation>{key} enciende y apaga la cámara en el mostrador y en la puerta.</translation>
    </message>
</context>
<context>
    <name>CameraPreview</name>
    <message>
        <source>Camera preview</source>
        <translation>Vista previa de la cámara</translation>
    </message>
</context>
<context>
    <name>CameraScan</name>
    <message>
        <source>The camera chosen in Station setup ({name}) is not connected. Connect it, or choose another in Station setup (Ctrl+,).</source>
        <extracomment>optional fast path, called on the scanner&apos;s thread instead of emitting ``scanned`` (the desk&apos;s handle_scan only queues work on its write lane) how a new :class:`ScanGate` is made (tests shorten its times) when a frame was seen, for telling a code still in view from one shown again (tests that push frames set a clock of the frames&apos; own times, so a slow machine does not stretch their gaps)</extracomment>
        <translation>La cámara elegida en la configuración del puesto ({name}) no está conectada. Conéctela o elija otra en la configuración del puesto (Ctrl+,).</translation>
    </message>
    <message>
        <source>No camera found. Connect a camera, then press {key} again.</source>
        <translation>No se encontró ninguna cámara. Conecte una cámara y vuelva a pulsar {key}.</translation>
    </message>
    <message>
        <source>Camera scanning is not available in this build: the QR code reader (zxing-cpp) is not installed.</source>
        <translation>El escaneo con cámara no está disponible en esta versión: el lector de códigos QR (zxing-cpp) no está instalado.</translation>
    </message>
    <message>
        <source>{camera}: hold the badge&apos;s QR code up to it · {key} turns it off</source>
        <translation>{camera}: acerque el código QR de la credencial · {key} la apaga</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Cámara</translation>
    </message>
    <message>
        <source>Camera off ({key} turns it on)</source>
        <translation>Cámara apagada ({key} la enciende)</translation>
    </message>
    <message>
        <source>The camera stopped: {error}. Press {key} to try again.</source>
        <translation>La cámara se detuvo: {error}. Pulse {key} para reintentar.</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>error desconocido</translation>
    </message>
</context>
<context>
    <name>DashboardWindow</name>
    <message>
        <source>Fullest first</source>
        <extracomment>the tile orders (English keys; shown translated)</extracomment>
        <translation>Las más llenas primero</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Most people</source>
        <translation>Más personas</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zona</translation>
    </message>
    <message>
        <source>Latest activity</source>
        <translation>Actividad reciente</translation>
    </message>
    <message>
        <source>{station}: no data yet</source>
        <translation>{station}: aún sin datos</translation>
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
        <translation>{station}: sin conexión desde hace {span}</translation>
    </message>
    <message>
        <source>{station}: no data for {span}</source>
        <translation>{station}: sin datos desde hace {span}</translation>
    </message>
    <message>
        <source>no session</source>
        <translation>sin sesión</translation>
    </message>
    <message>
        <source>block</source>
        <translation>bloquear</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>avisar</translation>
    </message>
    <message>
        <source>policy: {policy}</source>
        <translation>política: {policy}</translation>
    </message>
    <message>
        <source>last event: {time}</source>
        <translation>último evento: {time}</translation>
    </message>
    <message>
        <source>{station}: last seen {time}</source>
        <translation>{station}: visto por última vez {time}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Dashboard — {event}</source>
        <extracomment>asks where to save an export (suffix .pdf or .csv); tests replace it the order of the tiles follows the numbers at most this often (seconds)</extracomment>
        <translation>Panel de control — {event}</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Panel de control</translation>
    </message>
    <message>
        <source>standalone</source>
        <translation>independiente</translation>
    </message>
    <message>
        <source>Filter rooms: name, zone, session…</source>
        <translation>Filtrar salas: nombre, zona, sesión…</translation>
    </message>
    <message>
        <source>Only rooms needing attention</source>
        <translation>Solo salas que requieren atención</translation>
    </message>
    <message>
        <source>Export PDF report…</source>
        <translation>Exportar informe PDF…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <source>Filter rooms</source>
        <translation>Filtrar salas</translation>
    </message>
    <message>
        <source>Filter rooms (Ctrl+F)</source>
        <translation>Filtrar salas (Ctrl+F)</translation>
    </message>
    <message>
        <source>Export a PDF report (Ctrl+P)</source>
        <translation>Exportar un informe PDF (Ctrl+P)</translation>
    </message>
    <message>
        <source>Export the rooms as CSV</source>
        <translation>Exportar las salas en CSV</translation>
    </message>
    <message>
        <source>Keys and display</source>
        <translation>Teclas y pantalla</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)</source>
        <translation>Atajos de teclado (F1); pantalla: tema y tamaño del texto (Ctrl+Mayús+D)</translation>
    </message>
    <message>
        <source>&amp;Sort:</source>
        <translation>&amp;Ordenar:</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>&amp;Sala:</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Salas</translation>
    </message>
    <message>
        <source>Station</source>
        <extracomment>a door station without news for this long is flagged on its room&apos;s tile (the default of the ``station_offline_after_s`` setting, which the window follows) the station list&apos;s columns (English keys; shown translated)</extracomment>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Sala</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Por enviar</translation>
    </message>
    <message>
        <source>Last heard</source>
        <translation>Última señal</translation>
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
        <translation>hace {span}</translation>
    </message>
    <message>
        <source>Occupancy over time</source>
        <translation>Ocupación en el tiempo</translation>
    </message>
    <message>
        <source>Check-in progress</source>
        <translation>Progreso de entradas</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <source>Stations: role, room, last heard, outbox, online or offline</source>
        <translation>Puestos: función, sala, última señal, por enviar, en línea o sin conexión</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>Puestos</translation>
    </message>
    <message>
        <source>Conflicts found by the sync</source>
        <translation>Conflictos detectados por la sincronización</translation>
    </message>
    <message>
        <source>Dashboard views</source>
        <translation>Vistas del panel</translation>
    </message>
    <message>
        <source>Export a PDF report</source>
        <translation>Exportar un informe PDF</translation>
    </message>
    <message>
        <source>Insecure connection to the registry: plain HTTP over the network. Anyone on it can read this station&apos;s token and the attendee data. Ask congress IT to serve the registry over HTTPS and enrol this station again.</source>
        <translation>Conexión insegura con el registro: HTTP sin cifrar en la red. Cualquiera en ella puede leer el token de este puesto y los datos de los participantes. Pida a la informática del congreso que sirva el registro por HTTPS y vuelva a registrar este puesto.</translation>
    </message>
    <message>
        <source>Checked in {checked} / {registered} ({percent} %)</source>
        <translation>Llegados {checked} / {registered} ({percent} %)</translation>
    </message>
    <message>
        <source>In rooms {count}</source>
        <translation>En salas: {count}</translation>
    </message>
    <message>
        <source>updated {time}</source>
        <translation>actualizado a las {time}</translation>
    </message>
    <message>
        <source>{room} — people inside</source>
        <translation>{room} — personas dentro</translation>
    </message>
    <message>
        <source>⚠ This dashboard is offline: numbers from other stations are not updating.</source>
        <translation>⚠ Este panel está sin conexión: los datos de los demás puestos no se actualizan.</translation>
    </message>
    <message>
        <source>⚠ This dashboard is offline since {time}: numbers from other stations are not updating.</source>
        <translation>⚠ Este panel está sin conexión desde las {time}: los datos de los demás puestos no se actualizan.</translation>
    </message>
    <message>
        <source>⚠ Registration link (pretix) stopped: {words}. Check-ins are kept and sent when it runs again ({count} waiting).</source>
        <translation>⚠ Enlace con el sistema de inscripción (pretix) detenido: {words}. Las llegadas se guardan y se enviarán cuando vuelva a funcionar ({count} en espera).</translation>
    </message>
    <message>
        <source>⚠ Registration link (pretix) failing since {time}: {words}. Check-ins are kept and sent when it is back ({count} waiting).</source>
        <translation>⚠ Enlace con el sistema de inscripción (pretix) fallando desde las {time}: {words}. Las llegadas se guardan y se enviarán cuando vuelva ({count} en espera).</translation>
    </message>
    <message>
        <source>⚠ Registration link (pretix) failing: {words}. Check-ins are kept and sent when it is back ({count} waiting).</source>
        <translation>⚠ Enlace con el sistema de inscripción (pretix) fallando: {words}. Las llegadas se guardan y se enviarán cuando vuelva ({count} en espera).</translation>
    </message>
    <message>
        <source>desk</source>
        <translation>mostrador</translation>
    </message>
    <message>
        <source>door</source>
        <translation>puerta</translation>
    </message>
    <message>
        <source>dashboard</source>
        <translation>panel</translation>
    </message>
    <message>
        <source>● online (this station)</source>
        <translation>● en línea (este puesto)</translation>
    </message>
    <message>
        <source>now</source>
        <translation>ahora</translation>
    </message>
    <message>
        <source>● online</source>
        <translation>● en línea</translation>
    </message>
    <message>
        <source>{ago} ({time})</source>
        <translation>{ago} ({time})</translation>
    </message>
    <message>
        <source>⚠ OFFLINE — never heard</source>
        <translation>⚠ SIN CONEXIÓN — nunca se supo de él</translation>
    </message>
    <message>
        <source>{station} (never heard)</source>
        <translation>{station} (nunca se supo de él)</translation>
    </message>
    <message>
        <source>⚠ OFFLINE</source>
        <translation>⚠ SIN CONEXIÓN</translation>
    </message>
    <message>
        <source>{station} ({ago})</source>
        <translation>{station} ({ago})</translation>
    </message>
    <message>
        <source>Stations ({count} offline)</source>
        <translation>Puestos ({count} sin conexión)</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n station(s) not heard from for over {limit}: {stations}</source>
        <translation>
            <numerusform>⚠ %n puesto sin señal desde hace más de {limit}: {stations}</numerusform>
            <numerusform>⚠ %n puestos sin señal desde hace más de {limit}: {stations}</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the station list</source>
        <translation>Mostrar la lista de puestos</translation>
    </message>
    <message>
        <source>Conflicts ({count})</source>
        <translation>Conflictos ({count})</translation>
    </message>
    <message>
        <source>checked in at {stations}</source>
        <translation>entrada registrada en {stations}</translation>
    </message>
    <message>
        <source>double check-in</source>
        <translation>entrada duplicada</translation>
    </message>
    <message>
        <source>parallel reprints</source>
        <translation>reimpresiones simultáneas</translation>
    </message>
    <message>
        <source>PDF report (*.pdf)</source>
        <translation>Informe PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exportar informe</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>Escribiendo {file}…</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>Informe guardado: {path}</translation>
    </message>
    <message>
        <source>Report failed: {error}</source>
        <translation>Error en el informe: {error}</translation>
    </message>
</context>
<context>
    <name>DelegationPanel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Native script</source>
        <translation>Escritura original</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Llegado</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Acreditación</translation>
    </message>
    <message>
        <source>Check in remaining and print their badges</source>
        <translation>Registrar al resto e imprimir sus acreditaciones</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Volver a escanear</translation>
    </message>
    <message>
        <source>Delegation:</source>
        <translation>Delegación:</translation>
    </message>
    <message>
        <source>{delegation} — {arrived}/{members} arrived</source>
        <translation>{delegation} — {arrived}/{members} llegados</translation>
    </message>
    <message>
        <source>{members} members · {arrived} arrived · {badges} badges printed</source>
        <translation>{members} miembros · {arrived} llegados · {badges} acreditaciones impresas</translation>
    </message>
    <message>
        <source>✔ arrived</source>
        <translation>✔ llegado</translation>
    </message>
    <message>
        <source>✖ cancelled</source>
        <translation>✖ cancelado</translation>
    </message>
    <message>
        <source>✖ blocked</source>
        <translation>✖ bloqueado</translation>
    </message>
    <message>
        <source>✔ printed</source>
        <translation>✔ impresa</translation>
    </message>
    <message>
        <source>Check in {arrivals} remaining and print {badges} badges</source>
        <translation>Registrar a los {arrivals} restantes e imprimir {badges} acreditaciones</translation>
    </message>
    <message>
        <source>Collect badges</source>
        <translation>Recogida de acreditaciones</translation>
    </message>
    <message>
        <source>Who collects the badges? (name, and role — e.g. protocol officer)</source>
        <translation>¿Quién recoge las acreditaciones? (nombre y función, p. ej., responsable de protocolo)</translation>
    </message>
</context>
<context>
    <name>DeskStatusBar</name>
    <message>
        <source>Printer</source>
        <translation>Impresora</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Escáner</translation>
    </message>
    <message numerus="yes">
        <source>%n fact(s) recorded on this station</source>
        <translation>
            <numerusform>%n registro guardado en este puesto</numerusform>
            <numerusform>%n registros guardados en este puesto</numerusform>
        </translation>
    </message>
    <message>
        <source>Outbox: {count}</source>
        <translation>Pendientes de envío: {count}</translation>
    </message>
    <message numerus="yes">
        <source>Clock %n min slow — check the time</source>
        <translation>
            <numerusform>Reloj %n min atrasado: compruebe la hora</numerusform>
            <numerusform>Reloj %n min atrasado: compruebe la hora</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clock %n min fast — check the time</source>
        <translation>
            <numerusform>Reloj %n min adelantado: compruebe la hora</numerusform>
            <numerusform>Reloj %n min adelantado: compruebe la hora</numerusform>
        </translation>
    </message>
    <message>
        <source>Check-in times are still ordered correctly; fix the computer&apos;s clock when you can.</source>
        <translation>Las horas de entrada siguen en el orden correcto; corrija el reloj del ordenador cuando pueda.</translation>
    </message>
    <message>
        <source>Printer: {printer}</source>
        <translation>Impresora: {printer}</translation>
    </message>
    <message>
        <source>{count} printing</source>
        <translation>{count} imprimiéndose</translation>
    </message>
    <message>
        <source>{count} held by the printer</source>
        <translation>{count} retenidas por la impresora</translation>
    </message>
    <message>
        <source>{count} failed</source>
        <translation>{count} fallidas</translation>
    </message>
    <message>
        <source>Badge printer</source>
        <translation>Impresora de acreditaciones</translation>
    </message>
    <message>
        <source>Scanner connected</source>
        <translation>Escáner conectado</translation>
    </message>
    <message>
        <source>Looking for scanner</source>
        <translation>Buscando escáner</translation>
    </message>
    <message>
        <source>Scanner disconnected</source>
        <translation>Escáner desconectado</translation>
    </message>
    <message>
        <source>Scanner problem</source>
        <translation>Problema con el escáner</translation>
    </message>
    <message>
        <source>Keyboard scanner</source>
        <translation>Escáner de teclado</translation>
    </message>
    <message>
        <source>Operator: {name}</source>
        <translation>Operador: {name}</translation>
    </message>
    <message>
        <source>Event time: {zone}. This computer&apos;s clock says {time}.</source>
        <translation>Hora del evento: {zone}. El reloj de este ordenador marca {time}.</translation>
    </message>
    <message>
        <source>Event time: {zone}</source>
        <translation>Hora del evento: {zone}</translation>
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
        <translation>F2  Buscar: nombre en cualquier escritura, organización, correo, código…</translation>
    </message>
    <message>
        <source>Search people</source>
        <translation>Buscar personas</translation>
    </message>
    <message>
        <source>Search (F2 or Ctrl+F): ↓ to the results, Enter opens, Esc back</source>
        <translation>Buscar (F2 o Ctrl+F): ↓ a los resultados, Intro abre, Esc vuelve</translation>
    </message>
    <message>
        <source>Reading scan…</source>
        <translation>Leyendo escaneo…</translation>
    </message>
    <message>
        <source>IME on · scans paused</source>
        <translation>IME activo · escaneo en pausa</translation>
    </message>
    <message>
        <source>The input method types in the search field and scanners are paused there. Esc or Ctrl+Space turns it off. Pinyin, romaji and Latin spellings are found without it.</source>
        <translation>El método de entrada escribe en el campo de búsqueda y los lectores quedan en pausa ahí. Esc o Ctrl+Espacio lo desactiva. El pinyin, el romaji y las grafías latinas se encuentran sin él.</translation>
    </message>
    <message>
        <source>Recent scans</source>
        <translation>Escaneos recientes</translation>
    </message>
    <message>
        <source>Newest first; Enter opens the person</source>
        <translation>Los más recientes primero; Intro abre la persona</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Resultados de búsqueda</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent scans&lt;/b&gt; — Enter opens the person · Ctrl+Z undoes the last action</source>
        <translation>&lt;b&gt;Escaneos recientes&lt;/b&gt; — Intro abre la persona · Ctrl+Z deshace la última acción</translation>
    </message>
    <message>
        <source>(times in {zone}, event time)</source>
        <translation>(horas en {zone}, hora del evento)</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>a mano</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Inscripción in situ</translation>
    </message>
    <message>
        <source>Delegations</source>
        <translation>Delegaciones</translation>
    </message>
    <message>
        <source>Undo last</source>
        <translation>Deshacer la última</translation>
    </message>
    <message>
        <source>Supervisor override</source>
        <translation>Autorización del supervisor</translation>
    </message>
    <message>
        <source>Print queue</source>
        <translation>Cola de impresión</translation>
    </message>
    <message>
        <source>Back to scanning</source>
        <translation>Volver a escanear</translation>
    </message>
    <message>
        <source>Demo scanner on/off</source>
        <translation>Escáner de demostración sí/no</translation>
    </message>
    <message>
        <source>Station setup</source>
        <translation>Configuración del puesto</translation>
    </message>
    <message>
        <source>On a person: check in by hand</source>
        <translation>En una persona: registrar a mano</translation>
    </message>
    <message>
        <source>On a person: print or reprint the badge</source>
        <translation>En una persona: imprimir o reimprimir la acreditación</translation>
    </message>
    <message>
        <source>On a person: edit</source>
        <translation>En una persona: editar</translation>
    </message>
    <message>
        <source>On a delegation: check in the remaining members and print their badges</source>
        <translation>En una delegación: registrar a los miembros restantes e imprimir sus acreditaciones</translation>
    </message>
    <message>
        <source>Search (same as F2)</source>
        <translation>Buscar (igual que F2)</translation>
    </message>
    <message>
        <source>Search (F2 or Ctrl+F)</source>
        <translation>Buscar (F2 o Ctrl+F)</translation>
    </message>
    <message>
        <source>Camera as a scanner on/off (choose it in Station setup)</source>
        <translation>Cámara como lector sí/no (elíjala en la configuración del puesto)</translation>
    </message>
    <message>
        <source>Search with the input method (Chinese, Japanese, Korean…); scanners pause while it is on</source>
        <translation>Buscar con el método de entrada (chino, japonés, coreano…); los lectores se pausan mientras está activo</translation>
    </message>
    <message>
        <source>Keys and display</source>
        <translation>Teclas y pantalla</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)</source>
        <translation>Atajos de teclado (F1); pantalla: tema y tamaño del texto (Ctrl+Mayús+D)</translation>
    </message>
    <message>
        <source>Desk, ready to scan</source>
        <translation>Mostrador, listo para escanear</translation>
    </message>
    <message>
        <source>demo scanner (F8 stops it)</source>
        <translation>escáner de demostración (F8 lo detiene)</translation>
    </message>
    <message>
        <source>badge holder</source>
        <translation>titular de la acreditación</translation>
    </message>
    <message>
        <source>Check-in of {name}</source>
        <translation>Entrada de {name}</translation>
    </message>
    <message>
        <source>A check-in cannot be taken back on this version.</source>
        <translation>Esta versión no permite deshacer una entrada.</translation>
    </message>
    <message>
        <source>badge print cancelled</source>
        <translation>impresión de la acreditación cancelada</translation>
    </message>
    <message>
        <source>check-in taken back</source>
        <translation>entrada deshecha</translation>
    </message>
    <message>
        <source>the badge is already printed and a check-in cannot be taken back here</source>
        <translation>la acreditación ya está impresa y la entrada no se puede deshacer aquí</translation>
    </message>
    <message>
        <source> and </source>
        <translation> y </translation>
    </message>
    <message>
        <source>Scan incomplete</source>
        <translation>Lectura incompleta</translation>
    </message>
    <message>
        <source>The scanner stopped after {count} characters, without Enter. Nothing was recorded. Scan again.</source>
        <translation>El lector se detuvo tras {count} caracteres, sin Intro. No se registró nada. Escanee de nuevo.</translation>
    </message>
    <message>
        <source>Scan not recorded</source>
        <translation>Escaneo no registrado</translation>
    </message>
    <message>
        <source>Something went wrong: {error}. Scan again.</source>
        <translation>Algo ha fallado: {error}. Vuelva a escanear.</translation>
    </message>
    <message>
        <source>checked in</source>
        <translation>registrado</translation>
    </message>
    <message>
        <source>already in</source>
        <translation>ya registrado</translation>
    </message>
    <message>
        <source>{time} — scan the next code</source>
        <translation>{time} — escanee el siguiente código</translation>
    </message>
    <message>
        <source>a badge holder</source>
        <translation>una persona</translation>
    </message>
    <message>
        <source>Badge of {name} not printed</source>
        <translation>Credencial de {name} no impresa</translation>
    </message>
    <message>
        <source>The printer reported: {reason}. The job can be retried (F10); the check-in is saved.</source>
        <translation>La impresora informó: {reason}. El trabajo se puede reintentar (F10); el registro está guardado.</translation>
    </message>
    <message>
        <source>Badge of {name} held by the printer</source>
        <translation>Credencial de {name} retenida por la impresora</translation>
    </message>
    <message>
        <source>The printer keeps it: {reason}. It prints once the printer is ready again; the check-in is saved.</source>
        <translation>La impresora la retiene: {reason}. Se imprimirá cuando la impresora esté lista; el registro está guardado.</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>Badge {reason}.</source>
        <translation>Credencial {reason}.</translation>
    </message>
    <message>
        <source>Badge printed</source>
        <translation>Credencial impresa</translation>
    </message>
    <message>
        <source>Walk-in registered</source>
        <translation>Inscripción in situ registrada</translation>
    </message>
    <message>
        <source>Registered and checked in. The badge is printing.</source>
        <translation>Inscrito y con entrada registrada. La acreditación se está imprimiendo.</translation>
    </message>
    <message>
        <source>Walk-in {name}</source>
        <translation>Inscripción in situ de {name}</translation>
    </message>
    <message>
        <source>A registration stays; cancel it from the person&apos;s page if it was wrong.</source>
        <translation>Una inscripción se mantiene; cancélela desde la ficha de la persona si era errónea.</translation>
    </message>
    <message>
        <source>Delegation checked in</source>
        <translation>Delegación registrada</translation>
    </message>
    <message numerus="yes">
        <source>%n checked in on behalf,</source>
        <translation>
            <numerusform>%n entrada registrada en su nombre,</numerusform>
            <numerusform>%n entradas registradas en su nombre,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n badge(s) printing,</source>
        <translation>
            <numerusform>%n acreditación imprimiéndose,</numerusform>
            <numerusform>%n acreditaciones imprimiéndose,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped (cancelled or blocked).</source>
        <translation>
            <numerusform>%n omitida (cancelada o bloqueada).</numerusform>
            <numerusform>%n omitidas (canceladas o bloqueadas).</numerusform>
        </translation>
    </message>
    <message>
        <source>Printer not changed</source>
        <translation>Impresora sin cambios</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n&lt;/b&gt; found for “{query}” — ↓ to choose, Enter to open</source>
        <translation>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; resultado para «{query}» — ↓ para elegir, Intro para abrir</numerusform>
            <numerusform>&lt;b&gt;%n&lt;/b&gt; resultados para «{query}» — ↓ para elegir, Intro para abrir</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to override</source>
        <translation>Nada que autorizar</translation>
    </message>
    <message>
        <source>A supervisor override applies to the last refused scan of a known person.</source>
        <translation>La autorización del supervisor se aplica al último escaneo rechazado de una persona conocida.</translation>
    </message>
    <message>
        <source>Admit {name} despite “{verdict}”</source>
        <translation>Admitir a {name} pese a «{verdict}»</translation>
    </message>
    <message>
        <source>Admitted by supervisor</source>
        <translation>Admitido por el supervisor</translation>
    </message>
    <message>
        <source>{supervisor}: {reason}. Recorded with the check-in.</source>
        <translation>{supervisor}: {reason}. Registrado con la entrada.</translation>
    </message>
    <message>
        <source>Override not recorded</source>
        <translation>Autorización no registrada</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nada que deshacer</translation>
    </message>
    <message>
        <source>There is no recent action to take back.</source>
        <translation>No hay ninguna acción reciente que deshacer.</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>No se puede deshacer</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Deshecho</translation>
    </message>
    <message>
        <source>Checked in {arrived} of {expected}</source>
        <translation>Llegados: {arrived} de {expected}</translation>
    </message>
    <message>
        <source>Auto-print badges: ON</source>
        <translation>Impresión automática: ACTIVADA</translation>
    </message>
    <message>
        <source>Auto-print badges: off</source>
        <translation>Impresión automática: desactivada</translation>
    </message>
</context>
<context>
    <name>DisplayDialog</name>
    <message>
        <source>Follow the system (light or dark)</source>
        <translation>Seguir el sistema (claro u oscuro)</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>High contrast (white on black, yellow focus)</source>
        <translation>Alto contraste (blanco sobre negro, foco amarillo)</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>Grande</translation>
    </message>
    <message>
        <source>Extra large</source>
        <translation>Muy grande</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Pantalla</translation>
    </message>
    <message>
        <source>Changes show at once. Verdicts always carry an icon and words, whatever the colours.</source>
        <translation>Los cambios se aplican al instante. Los resultados siempre llevan un icono y texto, sean cuales sean los colores.</translation>
    </message>
    <message>
        <source>&amp;Colours</source>
        <translation>&amp;Colores</translation>
    </message>
    <message>
        <source>&amp;Text size</source>
        <translation>&amp;Tamaño del texto</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Cancelar (Esc)</translation>
    </message>
</context>
<context>
    <name>DoorWindow</name>
    <message>
        <source>WELCOME</source>
        <extracomment>verdict status → headline words on the flash</extracomment>
        <translation>BIENVENIDO</translation>
    </message>
    <message>
        <source>NOT ALLOWED</source>
        <translation>ACCESO NO PERMITIDO</translation>
    </message>
    <message>
        <source>ROOM FULL</source>
        <translation>SALA LLENA</translation>
    </message>
    <message>
        <source>NOT RECORDED INSIDE</source>
        <translation>NO CONSTA DENTRO</translation>
    </message>
    <message>
        <source>ALREADY INSIDE</source>
        <translation>YA ESTÁ DENTRO</translation>
    </message>
    <message>
        <source>CODE NOT FOUND</source>
        <translation>CÓDIGO NO ENCONTRADO</translation>
    </message>
    <message>
        <source>INVALID CODE</source>
        <translation>CÓDIGO NO VÁLIDO</translation>
    </message>
    <message>
        <source>BADGE REPLACED</source>
        <translation>ACREDITACIÓN SUSTITUIDA</translation>
    </message>
    <message>
        <source>REGISTRATION CANCELLED</source>
        <translation>INSCRIPCIÓN CANCELADA</translation>
    </message>
    <message>
        <source>ENTRY REFUSED</source>
        <translation>ENTRADA DENEGADA</translation>
    </message>
    <message>
        <source>WRONG EVENT</source>
        <translation>OTRO EVENTO</translation>
    </message>
    <message>
        <source>UNKNOWN ISSUER</source>
        <translation>EMISOR DESCONOCIDO</translation>
    </message>
    <message>
        <source>Door — {station}</source>
        <extracomment>asks for (delta, reason) of a manual adjustment; tests replace it</extracomment>
        <translation>Puerta — {station}</translation>
    </message>
    <message>
        <source>keyboard scanner</source>
        <translation>escáner de teclado</translation>
    </message>
    <message>
        <source>standalone</source>
        <translation>independiente</translation>
    </message>
    <message>
        <source>Keys and display</source>
        <translation>Teclas y pantalla</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1); display: theme and text size (Ctrl+Shift+D)</source>
        <translation>Atajos de teclado (F1); pantalla: tema y tamaño del texto (Ctrl+Mayús+D)</translation>
    </message>
    <message>
        <source>People inside</source>
        <extracomment>font size of &quot;/ capacity&quot; and of the state&apos;s words, as a share of the count&apos;s</extracomment>
        <translation>Personas dentro</translation>
    </message>
    <message>
        <source>OVER CAPACITY</source>
        <extracomment>the door&apos;s word for a count past capacity (the core&apos;s states stop at &quot;full&quot;)</extracomment>
        <translation>AFORO SUPERADO</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Aforo</translation>
    </message>
    <message>
        <source>➜  IN   (F5)</source>
        <translation>➜  ENTRADA   (F5)</translation>
    </message>
    <message>
        <source>⬅  OUT   (F6)</source>
        <translation>⬅  SALIDA   (F6)</translation>
    </message>
    <message>
        <source>Scans count as entries (F5); F7 toggles</source>
        <translation>Los escaneos cuentan como entradas (F5); F7 alterna</translation>
    </message>
    <message>
        <source>Scans count as exits (F6); F7 toggles</source>
        <translation>Los escaneos cuentan como salidas (F6); F7 alterna</translation>
    </message>
    <message>
        <source>Direction: in</source>
        <translation>Sentido: entrada</translation>
    </message>
    <message>
        <source>Direction: out</source>
        <translation>Sentido: salida</translation>
    </message>
    <message>
        <source>One in</source>
        <translation>Entra uno</translation>
    </message>
    <message>
        <source>One out</source>
        <translation>Sale uno</translation>
    </message>
    <message>
        <source>Adjust…</source>
        <translation>Ajustar…</translation>
    </message>
    <message>
        <source>Scans count as entries (IN)</source>
        <translation>Los escaneos cuentan como entradas (ENTRADA)</translation>
    </message>
    <message>
        <source>Scans count as exits (OUT)</source>
        <translation>Los escaneos cuentan como salidas (SALIDA)</translation>
    </message>
    <message>
        <source>Switch between IN and OUT</source>
        <translation>Alternar entre ENTRADA y SALIDA</translation>
    </message>
    <message>
        <source>One in without a scan (clicker)</source>
        <translation>Entra uno sin escanear (contador manual)</translation>
    </message>
    <message>
        <source>One out without a scan (clicker)</source>
        <translation>Sale uno sin escanear (contador manual)</translation>
    </message>
    <message>
        <source>Adjust the count, with a reason</source>
        <translation>Ajustar el recuento, con un motivo</translation>
    </message>
    <message>
        <source>Camera as a scanner on/off (choose it in Station setup)</source>
        <translation>Cámara como lector sí/no (elíjala en la configuración del puesto)</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>conectado</translation>
    </message>
    <message>
        <source>searching</source>
        <translation>buscando</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>desconectado</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>Scanner {states}</source>
        <translation>Escáner {states}</translation>
    </message>
    <message>
        <source>WELCOME — IN</source>
        <translation>BIENVENIDO — ENTRADA</translation>
    </message>
    <message>
        <source>GOODBYE — OUT</source>
        <translation>HASTA PRONTO — SALIDA</translation>
    </message>
    <message>
        <source>SCAN AGAIN</source>
        <translation>ESCANEE DE NUEVO</translation>
    </message>
    <message>
        <source>The scanner stopped after {count} characters. Nothing was recorded.</source>
        <translation>El lector se detuvo tras {count} caracteres. No se registró nada.</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Algo ha fallado: {error}</translation>
    </message>
    <message>
        <source>NOT RECORDED</source>
        <translation>NO REGISTRADO</translation>
    </message>
    <message>
        <source>Scan for ENTRY</source>
        <translation>Escanee para ENTRAR</translation>
    </message>
    <message>
        <source>Scan for EXIT</source>
        <translation>Escanee para SALIR</translation>
    </message>
    <message>
        <source>Badge QR or the code from the confirmation e-mail.</source>
        <translation>QR de la acreditación o código del correo de confirmación.</translation>
    </message>
    <message>
        <source>clicker</source>
        <translation>contador manual</translation>
    </message>
    <message>
        <source>Count {delta} ({reason}) recorded</source>
        <translation>Recuento {delta} ({reason}) registrado</translation>
    </message>
    <message>
        <source>door station {station}</source>
        <translation>puesto de puerta {station}</translation>
    </message>
    <message numerus="yes">
        <source>%n place(s) left</source>
        <translation>
            <numerusform>Queda %n plaza</numerusform>
            <numerusform>Quedan %n plazas</numerusform>
        </translation>
    </message>
    <message>
        <source>No places left — entries are refused</source>
        <translation>No quedan plazas: se deniega la entrada</translation>
    </message>
    <message numerus="yes">
        <source>%n over capacity</source>
        <translation>
            <numerusform>%n por encima del aforo</numerusform>
            <numerusform>%n por encima del aforo</numerusform>
        </translation>
    </message>
    <message>
        <source>At capacity — warn on entry</source>
        <translation>Aforo completo: avisar al entrar</translation>
    </message>
    <message>
        <source>Now: {session}</source>
        <translation>Ahora: {session}</translation>
    </message>
    <message>
        <source>No session running — the room&apos;s own rule</source>
        <translation>No hay sesión en curso: regla propia de la sala</translation>
    </message>
    <message>
        <source>full → entries refused</source>
        <translation>llena → entrada denegada</translation>
    </message>
    <message>
        <source>full → warning only</source>
        <translation>llena → solo aviso</translation>
    </message>
    <message>
        <source>re-entry allowed</source>
        <translation>se permite volver a entrar</translation>
    </message>
    <message>
        <source>no re-entry</source>
        <translation>sin reentrada</translation>
    </message>
    <message>
        <source>{rule} · capacity {capacity}, {policy} · {reentry}</source>
        <translation>{rule} · aforo {capacity}, {policy} · {reentry}</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>Edit — {name}</source>
        <translation>Editar — {name}</translation>
    </message>
    <message>
        <source>Given name first</source>
        <translation>Nombre primero</translation>
    </message>
    <message>
        <source>Family name first</source>
        <translation>Apellido primero</translation>
    </message>
</context>
<context>
    <name>Gauge</name>
    <message>
        <source>Occupancy gauge</source>
        <translation>Indicador de ocupación</translation>
    </message>
    <message>
        <source>{count} of {capacity}: {state}</source>
        <translation>{count} de {capacity}: {state}</translation>
    </message>
</context>
<context>
    <name>KeyButton</name>
    <message>
        <source>Shortcut: {key}</source>
        <translation>Atajo: {key}</translation>
    </message>
</context>
<context>
    <name>PrintQueueDialog</name>
    <message>
        <source>Print queue (F10)</source>
        <translation>Cola de impresión (F10)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Impresora</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Reason / file</source>
        <translation>Motivo / archivo</translation>
    </message>
    <message>
        <source>Retry selected</source>
        <translation>Reintentar selección</translation>
    </message>
    <message>
        <source>Cancel selected</source>
        <translation>Cancelar selección</translation>
    </message>
    <message>
        <source>Esc   Close</source>
        <translation>Esc   Cerrar</translation>
    </message>
    <message>
        <source>&lt;b&gt;{printer}&lt;/b&gt; — {jobs} recent jobs; {failed} failed; {held} held by the printer</source>
        <translation>&lt;b&gt;{printer}&lt;/b&gt; — {jobs} trabajos recientes; {failed} fallidos; {held} retenidos por la impresora</translation>
    </message>
    <message>
        <source>printed, incomplete</source>
        <translation>impresa, incompleta</translation>
    </message>
    <message>
        <source>{state}, incomplete</source>
        <translation>{state}, incompleta</translation>
    </message>
    <message>
        <source>this desk ({printer})</source>
        <translation>este mostrador ({printer})</translation>
    </message>
    <message>
        <source>any printer</source>
        <translation>cualquier impresora</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>enviando</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>enviada</translation>
    </message>
    <message>
        <source>held by the printer</source>
        <translation>retenida por la impresora</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>impresa</translation>
    </message>
    <message>
        <source>failed at the printer</source>
        <translation>falló en la impresora</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>en cola</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>cancelado</translation>
    </message>
</context>
<context>
    <name>PrintService</name>
    <message>
        <source>PDF folder {folder}</source>
        <translation>Carpeta PDF {folder}</translation>
    </message>
</context>
<context>
    <name>PrinterChooser</name>
    <message>
        <source>PDF files in the station folder</source>
        <translation>Archivos PDF en la carpeta del puesto</translation>
    </message>
    <message>
        <source>{printer} (default)</source>
        <translation>{printer} (predeterminada)</translation>
    </message>
    <message>
        <source>preview</source>
        <translation>vista previa</translation>
    </message>
    <message>
        <source>Or type a printer URL:
brother-ql://HOST?model=QL-820NWB&amp;label=62 (Brother QL on the network)
brother-ql:///dev/usb/lp0?model=QL-820NWB&amp;label=62 (Brother QL on USB)
zpl://HOST:9100?dpi=203&amp;width_mm=101.6 (Zebra ZPL)
cups:NAME (a CUPS queue), qt:NAME (a system printer), pdf:FOLDER (PDF files)</source>
        <translation>O escriba la URL de una impresora:
brother-ql://HOST?model=QL-820NWB&amp;label=62 (Brother QL en la red)
brother-ql:///dev/usb/lp0?model=QL-820NWB&amp;label=62 (Brother QL por USB)
zpl://HOST:9100?dpi=203&amp;width_mm=101.6 (Zebra ZPL)
cups:NOMBRE (una cola CUPS), qt:NOMBRE (una impresora del sistema), pdf:CARPETA (archivos PDF)</translation>
    </message>
    <message>
        <source>Print a test page</source>
        <translation>Imprimir una página de prueba</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>Impresora</translation>
    </message>
    <message>
        <source>Badge template</source>
        <translation>Plantilla de acreditación</translation>
    </message>
    <message>
        <source>No preview:
{error}</source>
        <translation>Sin vista previa:
{error}</translation>
    </message>
    <message>
        <source>Test page failed: {error}</source>
        <translation>Error en la página de prueba: {error}</translation>
    </message>
    <message>
        <source>Test page held by the printer: {reason}</source>
        <translation>Página de prueba retenida por la impresora: {reason}</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <source>Test page sent ({ref}). The square must measure 50 mm.</source>
        <translation>Página de prueba enviada ({ref}). El cuadrado debe medir 50 mm.</translation>
    </message>
</context>
<context>
    <name>ScannerBridge</name>
    <message>
        <source>keyboard only</source>
        <extracomment>dynamic property of a widget that takes an input method (IBus, Fcitx) while the wedge is on: keys typed there go to the IME first, so a scanner cannot be read in it attendee fields that may hold text in the person&apos;s own script, typed with an input method</extracomment>
        <translation>solo teclado</translation>
    </message>
    <message>
        <source>keyboard scanner</source>
        <extracomment>optional fast path, called on the reader thread instead of emitting ``scanned``: the desk hands the scan straight to its writer lane (thread-safe), saving one wait for the GUI thread on the way to the verdict</extracomment>
        <translation>escáner de teclado</translation>
    </message>
    <message>
        <source>no scanner</source>
        <translation>sin escáner</translation>
    </message>
    <message>
        <source>looking for a scanner…</source>
        <translation>buscando un escáner…</translation>
    </message>
    <message>
        <source>scanner stopped</source>
        <translation>escáner detenido</translation>
    </message>
</context>
<context>
    <name>ScannerChooser</name>
    <message>
        <source>Automatic: the USB scanner found (recommended)</source>
        <translation>Automático: el escáner USB detectado (recomendado)</translation>
    </message>
    <message>
        <source>Keyboard scanner (types like a keyboard)</source>
        <translation>Escáner de teclado (escribe como un teclado)</translation>
    </message>
    <message>
        <source>Simulator (demo, no hardware)</source>
        <translation>Simulador (demostración, sin hardware)</translation>
    </message>
    <message>
        <source>{maker} scanner in keyboard mode, read directly — {name}</source>
        <translation>Lector {maker} en modo teclado, leído directamente — {name}</translation>
    </message>
    <message>
        <source>{maker} scanner in HID POS mode, read directly — {name}</source>
        <translation>Lector {maker} en modo HID POS, leído directamente — {name}</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Native script</source>
        <translation>Escritura original</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>✖ cancelled</source>
        <translation>✖ cancelado</translation>
    </message>
    <message>
        <source>✖ blocked</source>
        <translation>✖ bloqueado</translation>
    </message>
    <message>
        <source>✔ checked in</source>
        <translation>✔ registrado</translation>
    </message>
    <message>
        <source>not yet arrived</source>
        <translation>aún no ha llegado</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Station setup</source>
        <translation>Configuración del puesto</translation>
    </message>
    <message>
        <source>Print a badge automatically on a successful check-in</source>
        <translation>Imprimir la acreditación automáticamente al registrar la entrada</translation>
    </message>
    <message>
        <source>Play sounds</source>
        <translation>Reproducir sonidos</translation>
    </message>
    <message>
        <source>leave empty to keep the current PIN</source>
        <translation>déjelo vacío para mantener el PIN actual</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>Takes effect when the station restarts.</source>
        <translation>Se aplica al reiniciar el puesto.</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Nombre del operador</translation>
    </message>
    <message>
        <source>Language (after a restart)</source>
        <translation>Idioma (tras reiniciar)</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Escáner</translation>
    </message>
    <message>
        <source>Camera (F12)</source>
        <translation>Cámara (F12)</translation>
    </message>
    <message>
        <source>New supervisor PIN</source>
        <translation>Nuevo PIN de supervisor</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Joining a registry is not available in this version. Open a standalone event instead.</source>
        <translation>Unirse a un registro no está disponible en esta versión. Abra un evento independiente.</translation>
    </message>
    <message>
        <source>Venue desk — station setup</source>
        <translation>Venue desk — configuración del puesto</translation>
    </message>
    <message>
        <source>Receiving the event from the registry… {done} of {total}</source>
        <translation>Recibiendo el evento del registro… {done} de {total}</translation>
    </message>
    <message>
        <source>Contacting the registry…</source>
        <translation>Contactando con el registro…</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Next / previous field or button</source>
        <extracomment>the camera as a scanner on/off, in the desk and the door (ui.camera); F5-F10 are taken there</extracomment>
        <translation>Campo o botón siguiente / anterior</translation>
    </message>
    <message>
        <source>Press the focused button, tick the focused box</source>
        <translation>Pulsar el botón activo, marcar la casilla activa</translation>
    </message>
    <message>
        <source>Next tab (where there are tabs)</source>
        <translation>Pestaña siguiente (donde haya pestañas)</translation>
    </message>
    <message>
        <source>Close a dialog without saving</source>
        <translation>Cerrar un cuadro de diálogo sin guardar</translation>
    </message>
    <message>
        <source>This list of keys</source>
        <translation>Esta lista de teclas</translation>
    </message>
    <message>
        <source>Display: theme (light, dark, high contrast) and text size</source>
        <translation>Pantalla: tema (claro, oscuro, alto contraste) y tamaño del texto</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Tecla</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>Qué hace</translation>
    </message>
    <message>
        <source>Shortcut list</source>
        <translation>Lista de atajos</translation>
    </message>
    <message>
        <source>Every action has a key. Scanners keep working whatever has focus.</source>
        <translation>Cada acción tiene una tecla. Los escáneres funcionan tenga el foco lo que tenga.</translation>
    </message>
    <message>
        <source>Display: theme and text size… ({key})</source>
        <translation>Pantalla: tema y tamaño del texto… ({key})</translation>
    </message>
    <message>
        <source>Colours, high contrast and text size ({key})</source>
        <translation>Colores, alto contraste y tamaño del texto ({key})</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Cerrar (Esc)</translation>
    </message>
</context>
<context>
    <name>StatusIcon</name>
    <message>
        <source>tick in a circle</source>
        <extracomment>verdict colour → (background, foreground, accent); amber text is black for contrast. The theme (ui.theme.apply_theme) updates it in place: read it when painting, not at import. ``elide``: when the pill gets less than its text&apos;s width (a status bar on a 1366 px screen) it ends in &quot;…&quot; instead of widening the window; the whole text stays its accessible name</extracomment>
        <translation>marca de verificación en un círculo</translation>
    </message>
    <message>
        <source>warning triangle</source>
        <translation>triángulo de advertencia</translation>
    </message>
    <message>
        <source>stop sign with a cross</source>
        <translation>señal de stop con una cruz</translation>
    </message>
    <message>
        <source>scanner</source>
        <translation>escáner</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <source>Checked in</source>
        <extracomment>status → headline (shown in capitals next to the icon)</extracomment>
        <translation>Entrada registrada</translation>
    </message>
    <message>
        <source>Already checked in</source>
        <translation>Ya registrado</translation>
    </message>
    <message>
        <source>Code not found</source>
        <translation>Código no encontrado</translation>
    </message>
    <message>
        <source>Cannot read this code</source>
        <translation>Código ilegible</translation>
    </message>
    <message>
        <source>Badge replaced — not valid</source>
        <translation>Acreditación sustituida: no válida</translation>
    </message>
    <message>
        <source>Registration cancelled</source>
        <translation>Inscripción cancelada</translation>
    </message>
    <message>
        <source>Entry refused</source>
        <translation>Entrada denegada</translation>
    </message>
    <message>
        <source>Badge of another event</source>
        <translation>Acreditación de otro evento</translation>
    </message>
    <message>
        <source>Not allowed here</source>
        <translation>No autorizado aquí</translation>
    </message>
    <message>
        <source>Room full</source>
        <translation>Sala llena</translation>
    </message>
    <message>
        <source>Not recorded inside</source>
        <translation>No consta dentro</translation>
    </message>
    <message>
        <source>Badge issuer unknown</source>
        <translation>Emisor de la acreditación desconocido</translation>
    </message>
    <message>
        <source>Ready — scan a code</source>
        <translation>Listo: escanee un código</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Scan a badge or a confirmation code. F2 finds a person by name.</source>
        <translation>Escanee una acreditación o un código de confirmación. F2 busca a una persona por su nombre.</translation>
    </message>
    <message>
        <source>First check-in: {time} at {station}</source>
        <translation>Primera entrada: {time} en {station}</translation>
    </message>
    <message>
        <source>No new badge is needed unless it was lost (F6 on the person reprints).</source>
        <translation>No hace falta una nueva acreditación salvo pérdida (F6 en la persona para reimprimir).</translation>
    </message>
    <message>
        <source>keyboard</source>
        <translation>teclado</translation>
    </message>
    <message>
        <source>from {source}</source>
        <translation>vía {source}</translation>
    </message>
    <message>
        <source>Reason on record: {reason}</source>
        <translation>Motivo registrado: {reason}</translation>
    </message>
    <message>
        <source>({script}: no font here)</source>
        <translation>({script}: sin fuente aquí)</translation>
    </message>
</context>
<context>
    <name>WalkinDialog</name>
    <message>
        <source>A name is needed (in any script).</source>
        <extracomment>core problem code (venue_app.ops) → what staff read, with the problem&apos;s data as placeholders</extracomment>
        <translation>Se necesita un nombre (en cualquier escritura).</translation>
    </message>
    <message>
        <source>This does not look like an e-mail address.</source>
        <translation>Esto no parece una dirección de correo electrónico.</translation>
    </message>
    <message>
        <source>Unknown country: use a name or a two-letter code (FR, CN…).</source>
        <translation>País desconocido: use un nombre o un código de dos letras (FR, CN…).</translation>
    </message>
    <message>
        <source>Choose a category.</source>
        <translation>Elija una categoría.</translation>
    </message>
    <message>
        <source>Unknown category.</source>
        <translation>Categoría desconocida.</translation>
    </message>
    <message>
        <source>Contains invisible control characters: type it again.</source>
        <translation>Contiene caracteres de control invisibles: escríbalo de nuevo.</translation>
    </message>
    <message>
        <source>Too long: at most {limit} characters.</source>
        <translation>Demasiado largo: como máximo {limit} caracteres.</translation>
    </message>
    <message>
        <source>A registration code has no spaces or invisible characters.</source>
        <translation>Un código de inscripción no tiene espacios ni caracteres invisibles.</translation>
    </message>
    <message>
        <source>Code {code} already belongs to another attendee.</source>
        <translation>El código {code} ya pertenece a otro participante.</translation>
    </message>
    <message>
        <source>Choose given name first or family name first.</source>
        <translation>Elija primero el nombre o primero el apellido.</translation>
    </message>
    <message>
        <source>A reason is needed to cancel or block a registration.</source>
        <translation>Se necesita un motivo para cancelar o bloquear una inscripción.</translation>
    </message>
    <message>
        <source>Walk-in registration (F3)</source>
        <translation>Inscripción in situ (F3)</translation>
    </message>
    <message>
        <source>As usual in their country</source>
        <translation>Como es habitual en su país</translation>
    </message>
    <message>
        <source>Given name first (Anna Schmidt)</source>
        <translation>Nombre primero (Anna Schmidt)</translation>
    </message>
    <message>
        <source>Family name first (王 伟, 김 민준)</source>
        <translation>Apellido primero (王 伟, 김 민준)</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Tratamiento</translation>
    </message>
    <message>
        <source>Mr., Ms., Dr., H.E., Mayor…</source>
        <translation>Sr., Sra., Dr., Excmo., Alcalde…</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>Apellidos</translation>
    </message>
    <message>
        <source>Name in own script</source>
        <translation>Nombre en su escritura</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organización</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Cargo</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>name or code: France, FR</source>
        <translation>nombre o código: Francia, FR</translation>
    </message>
    <message>
        <source>Delegation</source>
        <translation>Delegación</translation>
    </message>
    <message>
        <source>city or body, if any</source>
        <translation>ciudad u organismo, si procede</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Name order</source>
        <translation>Orden del nombre</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Check in now</source>
        <translation>Registrar la entrada ahora</translation>
    </message>
    <message>
        <source>Print the badge</source>
        <translation>Imprimir la acreditación</translation>
    </message>
    <message>
        <source>Ctrl+Enter   Register</source>
        <translation>Ctrl+Intro   Inscribir</translation>
    </message>
    <message>
        <source>Esc   Close</source>
        <translation>Esc   Cerrar</translation>
    </message>
    <message>
        <source>&lt;b&gt;Register a walk-in.&lt;/b&gt; A name in any script, a category; the rest if known. Possible duplicates show below as you type.</source>
        <translation>&lt;b&gt;Inscribir a una persona in situ.&lt;/b&gt; Un nombre en cualquier escritura y una categoría; el resto si se conoce. Los posibles duplicados aparecen debajo mientras escribe.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Already registered?&lt;/b&gt; %n similar — double-click to open instead.</source>
        <translation>
            <numerusform>&lt;b&gt;¿Ya inscrito?&lt;/b&gt; %n persona similar: haga doble clic para abrirla.</numerusform>
            <numerusform>&lt;b&gt;¿Ya inscrito?&lt;/b&gt; %n personas similares: haga doble clic para abrir una.</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not register: {error}</source>
        <translation>No se pudo inscribir: {error}</translation>
    </message>
</context>
<context>
    <name>_DevicesPage</name>
    <message>
        <source>Scanner and printer</source>
        <translation>Escáner e impresora</translation>
    </message>
    <message>
        <source>What reads the badges and what prints them. Both can be changed later (Ctrl+,).</source>
        <translation>Lo que lee las credenciales y lo que las imprime. Ambos se pueden cambiar después (Ctrl+,).</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Escáner</translation>
    </message>
</context>
<context>
    <name>_Flash</name>
    <message>
        <source>Last scan</source>
        <translation>Último escaneo</translation>
    </message>
</context>
<context>
    <name>_ModePage</name>
    <message>
        <source>Welcome to Venue desk</source>
        <translation>Bienvenido a Venue desk</translation>
    </message>
    <message>
        <source>Join the event&apos;s registry, or run this station on its own.</source>
        <translation>Únase al registro del evento o use este puesto de forma independiente.</translation>
    </message>
    <message>
        <source>Open a standalone event on this computer</source>
        <translation>Abrir un evento independiente en este ordenador</translation>
    </message>
    <message>
        <source>Join a registry (enrolment code from the operations lead)</source>
        <translation>Unirse a un registro (código de alta del responsable de operaciones)</translation>
    </message>
    <message>
        <source>e.g. 13th Metropolis World Congress</source>
        <translation>p. ej., 13.º Congreso Mundial de Metropolis</translation>
    </message>
    <message>
        <source>type it or scan the QR shown by the registry</source>
        <translation>escríbalo o escanee el QR que muestra el registro</translation>
    </message>
    <message>
        <source>Desk 1</source>
        <translation>Mostrador 1</translation>
    </message>
    <message>
        <source>Event name</source>
        <translation>Nombre del evento</translation>
    </message>
    <message>
        <source>Registry address</source>
        <translation>Dirección del registro</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>Código de alta</translation>
    </message>
    <message>
        <source>This station&apos;s name</source>
        <translation>Nombre de este puesto</translation>
    </message>
</context>
<context>
    <name>_OperatorPage</name>
    <message>
        <source>Who works at this desk</source>
        <translation>Quién trabaja en este mostrador</translation>
    </message>
    <message>
        <source>The supervisor PIN protects overrides, cancellations and repeated reprints.</source>
        <translation>El PIN de supervisor protege las autorizaciones, las cancelaciones y las reimpresiones repetidas.</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Nombre del operador</translation>
    </message>
    <message>
        <source>Supervisor PIN (4+ digits)</source>
        <translation>PIN de supervisor (4 dígitos o más)</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>Repita el PIN</translation>
    </message>
    <message>
        <source>The PIN needs at least 4 digits.</source>
        <translation>El PIN necesita al menos 4 dígitos.</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>Los dos PIN no coinciden.</translation>
    </message>
</context>
<context>
    <name>alerts</name>
    <message>
        <source>SPACE AVAILABLE</source>
        <extracomment>state → (verdict colour, words shown (translate with context &quot;alerts&quot;), icon kind)</extracomment>
        <translation>HAY PLAZAS</translation>
    </message>
    <message>
        <source>NEARLY FULL</source>
        <translation>CASI LLENA</translation>
    </message>
    <message>
        <source>FULL</source>
        <translation>LLENA</translation>
    </message>
    <message>
        <source>new arrivals are refused</source>
        <translation>se deniega la entrada a los que llegan</translation>
    </message>
    <message>
        <source>over capacity: stop admitting</source>
        <translation>aforo superado: deje de admitir</translation>
    </message>
    <message>
        <source>{room} is FULL — {count} / {capacity}; {action}.</source>
        <translation>{room} está LLENA — {count} / {capacity}; {action}.</translation>
    </message>
    <message numerus="yes">
        <source>{room} is nearly full — {count} / {capacity}, %n place(s) left.</source>
        <translation>
            <numerusform>{room} está casi llena — {count} / {capacity}, queda %n plaza.</numerusform>
            <numerusform>{room} está casi llena — {count} / {capacity}, quedan %n plazas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>{alert}   (since {time})</source>
        <translation>{alert}   (desde las {time})</translation>
    </message>
</context>
<context>
    <name>charts</name>
    <message>
        <source>people inside</source>
        <extracomment>tick steps of a time axis, in minutes</extracomment>
        <translation>personas dentro</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>aforo</translation>
    </message>
    <message>
        <source>nearly full (85 %)</source>
        <translation>casi llena (85 %)</translation>
    </message>
    <message>
        <source>Check-in by category</source>
        <translation>Entradas por categoría</translation>
    </message>
    <message>
        <source>registered</source>
        <translation>inscritos</translation>
    </message>
    <message>
        <source>checked in</source>
        <translation>llegados</translation>
    </message>
    <message>
        <source>Check-ins per hour</source>
        <translation>Entradas por hora</translation>
    </message>
    <message>
        <source>check-ins</source>
        <translation>entradas</translation>
    </message>
</context>
<context>
    <name>sync</name>
    <message>
        <source>Standalone (no registry)</source>
        <translation>Independiente (sin registro)</translation>
    </message>
    <message>
        <source>This station works on its own; nothing is sent anywhere.</source>
        <translation>Este puesto funciona por su cuenta; no se envía nada.</translation>
    </message>
    <message>
        <source>Online · synced {time}</source>
        <translation>En línea · sincronizado a las {time}</translation>
    </message>
    <message>
        <source>Connected to the registry.</source>
        <translation>Conectado al registro.</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Connecting to the registry…</source>
        <translation>Conectando con el registro…</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) saved here, sent when back</source>
        <translation>
            <numerusform>%n cambio guardado aquí, se enviará al volver la conexión</numerusform>
            <numerusform>%n cambios guardados aquí, se enviarán al volver la conexión</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing waiting</source>
        <translation>nada pendiente</translation>
    </message>
    <message>
        <source>OFFLINE since {time} — {waiting}</source>
        <translation>SIN CONEXIÓN desde las {time} — {waiting}</translation>
    </message>
    <message>
        <source>The registry cannot be reached.</source>
        <translation>No se puede contactar con el registro.</translation>
    </message>
    <message>
        <source>Keep working: every scan is saved on this station.</source>
        <translation>Siga trabajando: cada escaneo se guarda en este puesto.</translation>
    </message>
    <message>
        <source>Station removed from the registry</source>
        <translation>Puesto retirado del registro</translation>
    </message>
    <message>
        <source>Ask the operations lead to enrol it again.</source>
        <translation>Pida al responsable de operaciones que lo vuelva a dar de alta.</translation>
    </message>
    <message>
        <source>Sync problem</source>
        <translation>Problema de sincronización</translation>
    </message>
</context>
<context>
    <name>verdict</name>
    <message>
        <source>Welcome — checked in.</source>
        <extracomment>language code → its name in that language (what a volunteer looks for in the picker); &quot;&quot; = system verdict status → the standard message of venue_app.verdicts.STATUSES (the same English text)</extracomment>
        <translation>Bienvenido — entrada registrada.</translation>
    </message>
    <message>
        <source>Already checked in.</source>
        <translation>La entrada ya estaba registrada.</translation>
    </message>
    <message>
        <source>Code not found. Search the person by name or send them to the help desk.</source>
        <translation>Código no encontrado. Busque a la persona por su nombre o envíela al mostrador de ayuda.</translation>
    </message>
    <message>
        <source>This code cannot be read or is not genuine. Scan again or search by name.</source>
        <translation>Este código no se puede leer o no es auténtico. Vuelva a escanear o busque por nombre.</translation>
    </message>
    <message>
        <source>This badge was replaced or reported lost. Ask for the newest badge.</source>
        <translation>Esta acreditación fue sustituida o declarada perdida. Pida la más reciente.</translation>
    </message>
    <message>
        <source>This registration was cancelled. Send the person to the help desk.</source>
        <translation>Esta inscripción fue cancelada. Envíe a la persona al mostrador de ayuda.</translation>
    </message>
    <message>
        <source>Entry refused for this person. Call a supervisor.</source>
        <translation>Entrada denegada a esta persona. Llame a un supervisor.</translation>
    </message>
    <message>
        <source>This badge belongs to another event.</source>
        <translation>Esta acreditación pertenece a otro evento.</translation>
    </message>
    <message>
        <source>Not allowed in this room.</source>
        <translation>No tiene acceso a esta sala.</translation>
    </message>
    <message>
        <source>The room is full.</source>
        <translation>La sala está llena.</translation>
    </message>
    <message>
        <source>Exit recorded, but this person was not recorded inside.</source>
        <translation>Salida registrada, pero no constaba que esta persona estuviera dentro.</translation>
    </message>
    <message>
        <source>This badge was made by a station we do not know. Call a supervisor.</source>
        <translation>Esta acreditación la emitió un puesto desconocido. Llame a un supervisor.</translation>
    </message>
    <message>
        <source>Welcome, {name} — checked in.</source>
        <extracomment>the messages the core builds with data (venue_app.checkin, ui.context, venue_app.occupancy Rule.describe, venue_app.codes / tokens reasons): English template → the same template marked for translation. The placeholders are named after what they hold; ``{rule}``, ``{problem}`` and ``{reason}`` are core words themselves and are translated in turn.</extracomment>
        <translation>Bienvenido/a, {name} — entrada registrada.</translation>
    </message>
    <message>
        <source>Welcome, {name}.</source>
        <translation>Bienvenido/a, {name}.</translation>
    </message>
    <message>
        <source>Goodbye — exit recorded.</source>
        <translation>Hasta pronto — salida registrada.</translation>
    </message>
    <message>
        <source>Already inside — welcome back.</source>
        <translation>Ya estaba dentro — bienvenido/a de nuevo.</translation>
    </message>
    <message>
        <source>Already checked in at {when}, {where}.</source>
        <translation>Entrada ya registrada a las {when}, {where}.</translation>
    </message>
    <message>
        <source>Checked in by hand.</source>
        <translation>Entrada registrada a mano.</translation>
    </message>
    <message>
        <source>Checked in; badge collected by {collector}.</source>
        <translation>Entrada registrada; acreditación recogida por {collector}.</translation>
    </message>
    <message>
        <source>Valid {category} badge — checked in (details arrive with sync).</source>
        <translation>Acreditación {category} válida — entrada registrada (los datos llegarán con la sincronización).</translation>
    </message>
    <message>
        <source>Not allowed here — {rule}.</source>
        <translation>No autorizado aquí — {rule}.</translation>
    </message>
    <message>
        <source>No re-entry — {where}.</source>
        <translation>Sin reentrada — {where}.</translation>
    </message>
    <message>
        <source>The room is full ({count}/{capacity}).</source>
        <translation>La sala está llena ({count}/{capacity}).</translation>
    </message>
    <message>
        <source>Scan not understood ({problem}). Scan again.</source>
        <translation>Escaneo no reconocido ({problem}). Vuelva a escanear.</translation>
    </message>
    <message>
        <source>At capacity: {count}/{capacity}</source>
        <translation>Aforo completo: {count}/{capacity}</translation>
    </message>
    <message>
        <source>Nearly full: {count}/{capacity}</source>
        <translation>Casi llena: {count}/{capacity}</translation>
    </message>
    <message>
        <source>{where}: open to all</source>
        <translation>{where}: abierta a todos</translation>
    </message>
    <message>
        <source>{where}: nobody only</source>
        <translation>{where}: cerrada a todos</translation>
    </message>
    <message>
        <source>{where}: {categories} only</source>
        <translation>{where}: solo {categories}</translation>
    </message>
    <message>
        <source>guest</source>
        <translation>invitado/a</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>válida</translation>
    </message>
    <message>
        <source>{category} badge</source>
        <translation>acreditación {category}</translation>
    </message>
    <message>
        <source>empty scan</source>
        <translation>escaneo vacío</translation>
    </message>
    <message>
        <source>scan too long</source>
        <translation>escaneo demasiado largo</translation>
    </message>
    <message>
        <source>unreadable characters (not text)</source>
        <translation>caracteres ilegibles (no es texto)</translation>
    </message>
    <message>
        <source>not a badge token</source>
        <translation>no es un código de acreditación</translation>
    </message>
    <message>
        <source>damaged token</source>
        <translation>código dañado</translation>
    </message>
    <message>
        <source>truncated token</source>
        <translation>código incompleto</translation>
    </message>
    <message>
        <source>badge of another event</source>
        <translation>acreditación de otro evento</translation>
    </message>
    <message>
        <source>signed by an unknown station</source>
        <translation>firmada por un puesto desconocido</translation>
    </message>
    <message>
        <source>signature does not match</source>
        <translation>la firma no coincide</translation>
    </message>
    <message>
        <source>printed without the native name: no font for {script}</source>
        <translation>impresa sin el nombre en su escritura: no hay fuente para {script}</translation>
    </message>
    <message>
        <source>printed without the {what}: no font for {script}</source>
        <translation>impresa sin {what}: no hay fuente para {script}</translation>
    </message>
</context>
</TS>
