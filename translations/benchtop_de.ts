<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>benchtop::app</name>
    <message>
        <location filename="../app/ConnectionProfiles.cpp" line="214"/>
        <source>There is no connection profile &quot;%1&quot;.</source>
        <translation>Es gibt kein Verbindungsprofil „%1“.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionProfiles.cpp" line="235"/>
        <source>No secret is stored for the profile &quot;%1&quot;.</source>
        <translation>Für das Profil „%1“ ist kein Geheimnis gespeichert.</translation>
    </message>
</context>
<context>
    <name>benchtop::app::ActivityIndicator</name>
    <message>
        <location filename="../app/ActivityIndicator.cpp" line="26"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../app/ActivityIndicator.cpp" line="27"/>
        <source>Stop this operation</source>
        <translation>Diesen Vorgang abbrechen</translation>
    </message>
    <message>
        <location filename="../app/ActivityIndicator.cpp" line="91"/>
        <location filename="../app/ActivityIndicator.cpp" line="94"/>
        <source>rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <location filename="../app/ActivityIndicator.cpp" line="107"/>
        <source>checks</source>
        <translation>Abfragen</translation>
    </message>
    <message>
        <location filename="../app/ActivityIndicator.cpp" line="138"/>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 von %3</translation>
    </message>
    <message>
        <location filename="../app/ActivityIndicator.cpp" line="140"/>
        <source>%1: %2 %3</source>
        <translation>%1: %2 %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ActivityIndicator.cpp" line="142"/>
        <source>%1 (and %n more)</source>
        <translation>
            <numerusform>%1 (und %n weiterer)</numerusform>
            <numerusform>%1 (und %n weitere)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>benchtop::app::ConnectionCheck</name>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="51"/>
        <source>Signed in as %1 (%2)</source>
        <translation>Angemeldet als %1 (%2)</translation>
    </message>
    <message>
        <location filename="../app/ConnectionCheck.cpp" line="69"/>
        <source>Connected; this server does not say which user the key belongs to.</source>
        <translation>Verbunden; dieser Server sagt nicht, welchem Benutzer der Schlüssel gehört.</translation>
    </message>
</context>
<context>
    <name>benchtop::app::ConnectionController</name>
    <message>
        <location filename="../app/ConnectionController.cpp" line="50"/>
        <location filename="../app/ConnectionController.cpp" line="80"/>
        <source>There is no connection profile &quot;%1&quot;.</source>
        <translation>Es gibt kein Verbindungsprofil „%1“.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionController.cpp" line="56"/>
        <source>The profile &quot;%1&quot; is incomplete: %2</source>
        <translation>Das Profil „%1“ ist unvollständig: %2</translation>
    </message>
</context>
<context>
    <name>benchtop::app::ConnectionDialog</name>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="32"/>
        <source>Client id:</source>
        <translation>Client-ID:</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="37"/>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="40"/>
        <source>Connections</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="51"/>
        <source>Embedded lab server (on this computer)</source>
        <translation>Eingebetteter Laborserver (auf diesem Computer)</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="53"/>
        <source>Team lab server</source>
        <translation>Laborserver des Teams</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="54"/>
        <source>Benchling tenant</source>
        <translation>Benchling-Instanz</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="55"/>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="56"/>
        <source>OAuth client credentials</source>
        <translation>OAuth-Client-Zugangsdaten</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="63"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="64"/>
        <source>D&amp;uplicate</source>
        <translation>D&amp;uplizieren</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="65"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="78"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="79"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="81"/>
        <source>&amp;Authentication:</source>
        <translation>A&amp;nmeldung:</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="85"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="98"/>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="100"/>
        <source>Save this profile and switch to it</source>
        <translation>Dieses Profil speichern und zu ihm wechseln</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="165"/>
        <source>(stored; type to replace it)</source>
        <translation>(gespeichert; zum Ersetzen neu eingeben)</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="177"/>
        <source>&amp;Tenant:</source>
        <translation>&amp;Instanz:</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="177"/>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="179"/>
        <source>acme, or https://acme.benchling.com</source>
        <translation>acme oder https://acme.benchling.com</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="180"/>
        <source>https://lab.example.org</source>
        <translation>https://lab.example.org</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="181"/>
        <source>Client &amp;secret:</source>
        <translation>Client-&amp;Geheimnis:</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="181"/>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="219"/>
        <source>There is already a profile named &quot;%1&quot;.</source>
        <translation>Es gibt bereits ein Profil namens „%1“.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="275"/>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="294"/>
        <source>New profile</source>
        <translation>Neues Profil</translation>
    </message>
    <message>
        <location filename="../app/ConnectionDialog.cpp" line="308"/>
        <source>%1 copy</source>
        <translation>%1 Kopie</translation>
    </message>
</context>
<context>
    <name>benchtop::app::ConnectionProfile</name>
    <message>
        <location filename="../app/ConnectionProfiles.cpp" line="53"/>
        <source>Embedded lab server · %1</source>
        <translation>Eingebetteter Laborserver · %1</translation>
    </message>
    <message>
        <location filename="../app/ConnectionProfiles.cpp" line="55"/>
        <source>Lab server · %1</source>
        <translation>Laborserver · %1</translation>
    </message>
    <message>
        <location filename="../app/ConnectionProfiles.cpp" line="57"/>
        <source>Benchling · %1</source>
        <translation>Benchling · %1</translation>
    </message>
    <message>
        <location filename="../app/ConnectionProfiles.cpp" line="65"/>
        <source>Give the profile a name.</source>
        <translation>Geben Sie dem Profil einen Namen.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionProfiles.cpp" line="67"/>
        <source>A profile name cannot contain / or \.</source>
        <translation>Ein Profilname darf weder / noch \ enthalten.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionProfiles.cpp" line="72"/>
        <source>Enter the tenant, e.g. &quot;acme&quot; for acme.benchling.com.</source>
        <translation>Geben Sie die Instanz ein, z. B. „acme“ für acme.benchling.com.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionProfiles.cpp" line="73"/>
        <source>Enter the server&apos;s URL, e.g. https://lab.example.org.</source>
        <translation>Geben Sie die URL des Servers ein, z. B. https://lab.example.org.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionProfiles.cpp" line="77"/>
        <source>&quot;%1&quot; is not a server address.</source>
        <translation>„%1“ ist keine Serveradresse.</translation>
    </message>
    <message>
        <location filename="../app/ConnectionProfiles.cpp" line="79"/>
        <source>Enter the OAuth client id (it starts with &quot;key_&quot; on a Benchtop server).</source>
        <translation>Geben Sie die OAuth-Client-ID ein (auf einem Benchtop-Server beginnt sie mit „key_“).</translation>
    </message>
</context>
<context>
    <name>benchtop::app::MainWindow</name>
    <message>
        <location filename="../app/MainWindow.cpp" line="37"/>
        <source>Benchtop</source>
        <translation>Benchtop</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="43"/>
        <location filename="../app/MainWindow.cpp" line="179"/>
        <source>Sequences</source>
        <translation>Sequenzen</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="44"/>
        <source>Read and edit DNA, RNA and protein sequences with annotation tracks, linear and circular maps.</source>
        <translation>DNA-, RNA- und Proteinsequenzen mit Annotationsspuren, linearen und zirkulären Karten lesen und bearbeiten.</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="49"/>
        <location filename="../app/MainWindow.cpp" line="180"/>
        <source>Notebook</source>
        <translation>Laborbuch</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="50"/>
        <source>Write notebook entries with tables, checklists and links to your samples.</source>
        <translation>Laborbucheinträge mit Tabellen, Checklisten und Verweisen auf Ihre Proben schreiben.</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="74"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="75"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="77"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="78"/>
        <source>&amp;Inventory</source>
        <translation>&amp;Inventar</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="79"/>
        <source>&amp;Sequences</source>
        <translation>&amp;Sequenzen</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="80"/>
        <source>&amp;Notebook</source>
        <translation>&amp;Laborbuch</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="103"/>
        <source>&amp;Connection</source>
        <translation>Ver&amp;bindung</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="104"/>
        <source>&amp;Connections…</source>
        <translation>&amp;Verbindungen…</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="143"/>
        <source>Connected: %1</source>
        <translation>Verbunden: %1</translation>
    </message>
    <message>
        <location filename="../app/MainWindow.cpp" line="178"/>
        <source>Inventory</source>
        <translation>Inventar</translation>
    </message>
</context>
<context>
    <name>benchtop::app::ScreenshotRunner</name>
    <message>
        <location filename="../app/ScreenshotRunner.cpp" line="21"/>
        <source>The inventory did not load within %1 s.</source>
        <translation>Das Inventar wurde nicht innerhalb von %1 s geladen.</translation>
    </message>
    <message>
        <location filename="../app/ScreenshotRunner.cpp" line="31"/>
        <source>Loading the inventory failed: %1</source>
        <translation>Das Inventar konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../app/ScreenshotRunner.cpp" line="51"/>
        <source>The server has no locations to show.</source>
        <translation>Der Server hat keine Lagerorte.</translation>
    </message>
    <message>
        <location filename="../app/ScreenshotRunner.cpp" line="102"/>
        <source>Could not write the screenshot to %1.</source>
        <translation>Das Bildschirmfoto konnte nicht nach %1 geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../app/ScreenshotRunner.cpp" line="106"/>
        <source>Screenshot saved to %1</source>
        <translation>Bildschirmfoto gespeichert unter %1</translation>
    </message>
</context>
<context>
    <name>benchtop::app::SecretStore</name>
    <message>
        <location filename="../app/SecretStore.cpp" line="81"/>
        <source>The secret is stored in the system keychain.</source>
        <translation>Das Geheimnis wird im Schlüsselbund des Systems gespeichert.</translation>
    </message>
    <message>
        <location filename="../app/SecretStore.cpp" line="82"/>
        <source>No system keychain: the secret is stored in %1, readable only by you.</source>
        <translation>Kein Schlüsselbund im System: Das Geheimnis wird in %1 gespeichert, nur für Sie lesbar.</translation>
    </message>
    <message>
        <location filename="../app/SecretStore.cpp" line="113"/>
        <source>Access to the keychain was denied.</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde verweigert.</translation>
    </message>
    <message>
        <location filename="../app/SecretStore.cpp" line="148"/>
        <source>Access to the keychain was denied; the secret was not saved.</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde verweigert; das Geheimnis wurde nicht gespeichert.</translation>
    </message>
    <message>
        <location filename="../app/SecretStore.cpp" line="201"/>
        <location filename="../app/SecretStore.cpp" line="210"/>
        <source>No secret is stored for the profile &quot;%1&quot;.</source>
        <translation>Für das Profil „%1“ ist kein Geheimnis gespeichert.</translation>
    </message>
    <message>
        <location filename="../app/SecretStore.cpp" line="205"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../app/SecretStore.cpp" line="229"/>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location filename="../app/SecretStore.cpp" line="236"/>
        <location filename="../app/SecretStore.cpp" line="241"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>benchtop::app::Session</name>
    <message>
        <location filename="../app/Session.cpp" line="32"/>
        <source>The embedded lab server could not start (%1). Its data is in %2.</source>
        <translation>Der eingebaute Laborserver konnte nicht starten (%1). Seine Daten liegen in %2.</translation>
    </message>
    <message>
        <location filename="../app/Session.cpp" line="40"/>
        <source>&quot;%1&quot; is not a server address; use e.g. https://tenant.benchling.com.</source>
        <translation>„%1“ ist keine Serveradresse; verwenden Sie z. B. https://tenant.benchling.com.</translation>
    </message>
    <message>
        <location filename="../app/Session.cpp" line="47"/>
        <source>No API key for %1: set BENCHTOP_API_KEY.</source>
        <translation>Kein API-Schlüssel für %1: setzen Sie BENCHTOP_API_KEY.</translation>
    </message>
    <message>
        <location filename="../app/Session.cpp" line="48"/>
        <source>No secret for %1: enter the API key or client secret in the connection profile.</source>
        <translation>Kein Geheimnis für %1: Geben Sie den API-Schlüssel oder das Client-Geheimnis im Verbindungsprofil ein.</translation>
    </message>
    <message>
        <location filename="../app/Session.cpp" line="91"/>
        <source>%1 (data in %2)</source>
        <translation>%1 (Daten in %2)</translation>
    </message>
    <message>
        <location filename="../app/Session.cpp" line="94"/>
        <source>Embedded lab server (%1, data in %2)</source>
        <translation>Eingebauter Laborserver (%1, Daten in %2)</translation>
    </message>
    <message>
        <location filename="../app/Session.cpp" line="99"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>benchtop::models::ApiClient</name>
    <message>
        <location filename="../models/api/ApiClient.cpp" line="130"/>
        <source>Waiting for a background task</source>
        <translation>Warte auf eine Hintergrundaufgabe</translation>
    </message>
</context>
<context>
    <name>benchtop::models::ApiError</name>
    <message>
        <location filename="../models/api/ApiError.cpp" line="25"/>
        <source>Cannot reach the server (%1). Check the connection and try again.</source>
        <translation>Der Server ist nicht erreichbar (%1). Prüfen Sie die Verbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../models/api/ApiError.cpp" line="27"/>
        <source>The server did not answer in time. Try again; if it keeps happening, the server may be overloaded.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet. Versuchen Sie es erneut; geschieht das öfter, ist der Server vielleicht überlastet.</translation>
    </message>
    <message>
        <location filename="../models/api/ApiError.cpp" line="30"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../models/api/ApiError.cpp" line="32"/>
        <source>The server sent an answer Benchtop cannot read (%1). Check that the connection points at a Benchling API.</source>
        <translation>Der Server hat eine Antwort gesendet, die Benchtop nicht lesen kann (%1). Prüfen Sie, ob die Verbindung auf eine Benchling-API zeigt.</translation>
    </message>
    <message>
        <location filename="../models/api/ApiError.cpp" line="36"/>
        <source>The connection broke before the server answered (%1), so the server may or may not have saved this. Refresh to check before trying again.</source>
        <translation>Die Verbindung brach ab, bevor der Server antwortete (%1); ob er die Änderung gespeichert hat, ist ungewiss. Aktualisieren Sie die Ansicht, bevor Sie es erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../models/api/ApiError.cpp" line="41"/>
        <source>The server could not finish the background task. Nothing was saved.</source>
        <translation>Der Server konnte die Hintergrundaufgabe nicht abschließen. Es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location filename="../models/api/ApiError.cpp" line="42"/>
        <source>The server could not finish the background task: %1%2</source>
        <translation>Der Server konnte die Hintergrundaufgabe nicht abschließen: %1%2</translation>
    </message>
    <message>
        <location filename="../models/api/ApiError.cpp" line="46"/>
        <source>Benchtop is offline and read-only, so nothing was changed. Try again once it has reconnected.</source>
        <translation>Benchtop ist offline und schreibgeschützt; es wurde nichts geändert. Versuchen Sie es erneut, sobald die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <location filename="../models/api/ApiError.cpp" line="56"/>
        <source>You do not have permission for this. Ask an administrator of the tenant.</source>
        <translation>Dafür fehlt Ihnen die Berechtigung. Fragen Sie eine Administratorin oder einen Administrator des Mandanten.</translation>
    </message>
    <message numerus="yes">
        <location filename="../models/api/ApiError.cpp" line="59"/>
        <source>The server is limiting how fast requests may come and still refused after %n attempts. Wait a minute and try again.</source>
        <translation>
            <numerusform>Der Server drosselt die Anfragen und lehnte auch nach %n Versuch ab. Warten Sie eine Minute und versuchen Sie es erneut.</numerusform>
            <numerusform>Der Server drosselt die Anfragen und lehnte auch nach %n Versuchen ab. Warten Sie eine Minute und versuchen Sie es erneut.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/api/ApiError.cpp" line="66"/>
        <source>The server failed (HTTP %1)%2. Try again later.</source>
        <translation>Der Server ist gescheitert (HTTP %1)%2. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location filename="../models/api/ApiError.cpp" line="71"/>
        <source>The server refused the request (HTTP %1).</source>
        <translation>Der Server hat die Anfrage abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <location filename="../models/api/ApiError.cpp" line="53"/>
        <source>The server did not accept the API key. Check BENCHTOP_API_KEY (for the embedded server, restart Benchtop: it issues a new key each start).</source>
        <translation>Der Server hat den API-Schlüssel nicht angenommen. Prüfen Sie BENCHTOP_API_KEY (beim eingebauten Server: Benchtop neu starten, es erzeugt bei jedem Start einen neuen Schlüssel).</translation>
    </message>
    <message>
        <location filename="../models/api/ApiError.cpp" line="62"/>
        <source>The server is limiting how fast requests may come. Try again in a moment.</source>
        <translation>Der Server begrenzt, wie schnell Anfragen kommen dürfen. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../models/api/BulkGetCoalescer.cpp" line="149"/>
        <source>%1 was not found; it may have been deleted or you may not have access to it.</source>
        <translation>%1 wurde nicht gefunden; es wurde vielleicht gelöscht, oder Sie haben keinen Zugriff darauf.</translation>
    </message>
</context>
<context>
    <name>benchtop::models::BoxContentsModel</name>
    <message>
        <location filename="../models/BoxContentsModel.cpp" line="223"/>
        <source>%1: empty</source>
        <translation>%1: leer</translation>
    </message>
    <message>
        <location filename="../models/BoxContentsModel.cpp" line="224"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>benchtop::models::ContainerListModel</name>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="298"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="298"/>
        <source>Barcode</source>
        <translation>Barcode</translation>
    </message>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="298"/>
        <source>Storage</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="298"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="298"/>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="389"/>
        <source>Loading containers</source>
        <translation>Lade Behälter</translation>
    </message>
</context>
<context>
    <name>benchtop::models::ContainerMoveCommand</name>
    <message numerus="yes">
        <location filename="../models/store/ContainerMoveCommand.cpp" line="33"/>
        <source>Move %n containers</source>
        <translation>
            <numerusform>%n Behälter verschieben</numerusform>
            <numerusform>%n Behälter verschieben</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../models/store/ContainerMoveCommand.cpp" line="37"/>
        <source>Move %1 to %2</source>
        <translation>%1 nach %2 verschieben</translation>
    </message>
    <message>
        <location filename="../models/store/ContainerMoveCommand.cpp" line="53"/>
        <source>Nothing to move.</source>
        <translation>Nichts zu verschieben.</translation>
    </message>
    <message>
        <location filename="../models/store/ContainerMoveCommand.cpp" line="58"/>
        <source>%1 is not loaded yet; wait for it to appear and try again.</source>
        <translation>%1 ist noch nicht geladen; warten Sie, bis es erscheint, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location filename="../models/store/ContainerMoveCommand.cpp" line="105"/>
        <source>The server did not start the move (no task id in its answer).</source>
        <translation>Der Server hat das Verschieben nicht begonnen (keine Aufgaben-ID in seiner Antwort).</translation>
    </message>
</context>
<context>
    <name>benchtop::models::EntryListModel</name>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="366"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="366"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="366"/>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="399"/>
        <source>Loading entries</source>
        <translation>Lade Einträge</translation>
    </message>
</context>
<context>
    <name>benchtop::models::LocationTreeModel</name>
    <message>
        <location filename="../models/LocationTreeModel.cpp" line="103"/>
        <source>%1
Barcode: %2
Type: %3</source>
        <translation>%1
Barcode: %2
Typ: %3</translation>
    </message>
    <message>
        <location filename="../models/LocationTreeModel.cpp" line="105"/>
        <source>location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <location filename="../models/LocationTreeModel.cpp" line="126"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../models/LocationTreeModel.cpp" line="128"/>
        <source>Barcode</source>
        <translation>Barcode</translation>
    </message>
</context>
<context>
    <name>benchtop::models::ResourceListModel</name>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="221"/>
        <source>Loading %1</source>
        <translation>Lade %1</translation>
    </message>
</context>
<context>
    <name>benchtop::models::SequenceListModel</name>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="333"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="333"/>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="333"/>
        <source>Topology</source>
        <translation>Topologie</translation>
    </message>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="353"/>
        <source>circular</source>
        <translation>zirkulär</translation>
    </message>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="354"/>
        <source>linear</source>
        <translation>linear</translation>
    </message>
    <message>
        <location filename="../models/ResourceListModel.cpp" line="394"/>
        <source>Loading sequences</source>
        <translation>Lade Sequenzen</translation>
    </message>
</context>
<context>
    <name>benchtop::models::StoreCommand</name>
    <message>
        <location filename="../models/store/StoreCommand.cpp" line="18"/>
        <source>The change could not be sent.</source>
        <translation>Die Änderung konnte nicht gesendet werden.</translation>
    </message>
</context>
<context>
    <name>benchtop::widgets::ComingSoonPage</name>
    <message>
        <location filename="../widgets/ComingSoonPage.cpp" line="16"/>
        <source>Coming soon.</source>
        <translation>Demnächst.</translation>
    </message>
</context>
<context>
    <name>benchtop::widgets::InventoryView</name>
    <message>
        <location filename="../widgets/InventoryView.cpp" line="24"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location filename="../widgets/InventoryView.cpp" line="26"/>
        <source>Inventory</source>
        <translation>Inventar</translation>
    </message>
    <message>
        <location filename="../widgets/InventoryView.cpp" line="70"/>
        <source>the location list</source>
        <translation>die Liste der Lagerorte</translation>
    </message>
    <message>
        <location filename="../widgets/InventoryView.cpp" line="74"/>
        <source>Could not load %1. %2</source>
        <translation>%1 konnte nicht geladen werden. %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/InventoryView.cpp" line="75"/>
        <source>Could not load %1 and %n more place(s). %2</source>
        <translation>
            <numerusform>%1 und %n weiterer Ort konnten nicht geladen werden. %2</numerusform>
            <numerusform>%1 und %n weitere Orte konnten nicht geladen werden. %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>benchtop::widgets::OfflineBanner</name>
    <message>
        <location filename="../widgets/OfflineBanner.cpp" line="13"/>
        <source>Retry now</source>
        <translation>Jetzt erneut versuchen</translation>
    </message>
    <message>
        <location filename="../widgets/OfflineBanner.cpp" line="41"/>
        <source>Offline — showing what you saw at %1; changes are disabled. Reconnecting…</source>
        <translation>Offline – Sie sehen den Stand von %1; Änderungen sind gesperrt. Verbindung wird wiederhergestellt…</translation>
    </message>
    <message>
        <location filename="../widgets/OfflineBanner.cpp" line="44"/>
        <source>Offline — showing what you saw earlier; changes are disabled. Reconnecting…</source>
        <translation>Offline – Sie sehen einen früheren Stand; Änderungen sind gesperrt. Verbindung wird wiederhergestellt…</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="53"/>
        <source>Benchtop: a desktop client for Benchling and Benchtop lab servers.
With no --server, it runs its own lab server with demo data.</source>
        <translation>Benchtop: ein Desktop-Client für Benchling und Benchtop-Laborserver.
Ohne --server startet es einen eigenen Laborserver mit Demodaten.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="60"/>
        <source>Benchling tenant or team lab server URL (the API key comes from the BENCHTOP_API_KEY environment variable).</source>
        <translation>URL des Benchling-Mandanten oder Team-Laborservers (der API-Schlüssel kommt aus der Umgebungsvariablen BENCHTOP_API_KEY).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="65"/>
        <source>Folder for the embedded lab server&apos;s data.</source>
        <translation>Ordner für die Daten des eingebauten Laborservers.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="69"/>
        <source>Save a picture of the loaded main window and exit.</source>
        <translation>Ein Bild des geladenen Hauptfensters speichern und beenden.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="73"/>
        <source>Connect with this connection profile (default: the one used last; Connection &gt; Connections… edits them).</source>
        <translation>Mit diesem Verbindungsprofil verbinden (Standard: das zuletzt benutzte; bearbeitet unter Verbindung &gt; Verbindungen…).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="108"/>
        <source>Benchtop</source>
        <translation>Benchtop</translation>
    </message>
</context>
</TS>
