<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>benchtop::app::MainWindow</name>
    <message>
        <source>Benchtop</source>
        <translation>Benchtop</translation>
    </message>
    <message>
        <source>Sequences</source>
        <translation>Sequenzen</translation>
    </message>
    <message>
        <source>Read and edit DNA, RNA and protein sequences with annotation tracks, linear and circular maps.</source>
        <translation>DNA-, RNA- und Proteinsequenzen mit Annotationsspuren, linearen und zirkulären Karten lesen und bearbeiten.</translation>
    </message>
    <message>
        <source>Notebook</source>
        <translation>Laborbuch</translation>
    </message>
    <message>
        <source>Write notebook entries with tables, checklists and links to your samples.</source>
        <translation>Laborbucheinträge mit Tabellen, Checklisten und Verweisen auf Ihre Proben schreiben.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Inventory</source>
        <translation>&amp;Inventar</translation>
    </message>
    <message>
        <source>&amp;Sequences</source>
        <translation>&amp;Sequenzen</translation>
    </message>
    <message>
        <source>&amp;Notebook</source>
        <translation>&amp;Laborbuch</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Inventar</translation>
    </message>
</context>
<context>
    <name>benchtop::app::ScreenshotRunner</name>
    <message>
        <source>The inventory did not load within %1 s.</source>
        <translation>Das Inventar wurde nicht innerhalb von %1 s geladen.</translation>
    </message>
    <message>
        <source>Loading the inventory failed: %1</source>
        <translation>Das Inventar konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>The server has no locations to show.</source>
        <translation>Der Server hat keine Lagerorte.</translation>
    </message>
    <message>
        <source>Could not write the screenshot to %1.</source>
        <translation>Das Bildschirmfoto konnte nicht nach %1 geschrieben werden.</translation>
    </message>
    <message>
        <source>Screenshot saved to %1</source>
        <translation>Bildschirmfoto gespeichert unter %1</translation>
    </message>
</context>
<context>
    <name>benchtop::app::Session</name>
    <message>
        <source>The embedded lab server could not start (%1). Its data is in %2.</source>
        <translation>Der eingebaute Laborserver konnte nicht starten (%1). Seine Daten liegen in %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server address; use e.g. https://tenant.benchling.com.</source>
        <translation>„%1“ ist keine Serveradresse; verwenden Sie z. B. https://tenant.benchling.com.</translation>
    </message>
    <message>
        <source>No API key for %1: set BENCHTOP_API_KEY.</source>
        <translation>Kein API-Schlüssel für %1: setzen Sie BENCHTOP_API_KEY.</translation>
    </message>
    <message>
        <source>Embedded lab server (%1, data in %2)</source>
        <translation>Eingebauter Laborserver (%1, Daten in %2)</translation>
    </message>
</context>
<context>
    <name>benchtop::models::ApiError</name>
    <message>
        <source>Cannot reach the server (%1). Check the connection and try again.</source>
        <translation>Der Server ist nicht erreichbar (%1). Prüfen Sie die Verbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The server did not answer in time. Try again; if it keeps happening, the server may be overloaded.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet. Versuchen Sie es erneut; geschieht das öfter, ist der Server vielleicht überlastet.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The server sent an answer Benchtop cannot read (%1). Check that the connection points at a Benchling API.</source>
        <translation>Der Server hat eine Antwort gesendet, die Benchtop nicht lesen kann (%1). Prüfen Sie, ob die Verbindung auf eine Benchling-API zeigt.</translation>
    </message>
    <message>
        <source>You do not have permission for this. Ask an administrator of the tenant.</source>
        <translation>Dafür fehlt Ihnen die Berechtigung. Fragen Sie eine Administratorin oder einen Administrator des Mandanten.</translation>
    </message>
    <message>
        <source>The server failed (HTTP %1)%2. Try again later.</source>
        <translation>Der Server ist gescheitert (HTTP %1)%2. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation>Der Server hat die Anfrage abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <source>The server did not accept the API key. Check BENCHTOP_API_KEY (for the embedded server, restart Benchtop: it issues a new key each start).</source>
        <translation>Der Server hat den API-Schlüssel nicht angenommen. Prüfen Sie BENCHTOP_API_KEY (beim eingebauten Server: Benchtop neu starten, es erzeugt bei jedem Start einen neuen Schlüssel).</translation>
    </message>
    <message>
        <source>The server is limiting how fast requests may come. Try again in a moment.</source>
        <translation>Der Server begrenzt, wie schnell Anfragen kommen dürfen. Versuchen Sie es gleich noch einmal.</translation>
    </message>
</context>
<context>
    <name>benchtop::models::LocationTreeModel</name>
    <message>
        <source>%1
Barcode: %2
Type: %3</source>
        <translation>%1
Barcode: %2
Typ: %3</translation>
    </message>
    <message>
        <source>location</source>
        <translation>Lagerort</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Barcode</translation>
    </message>
</context>
<context>
    <name>benchtop::widgets::ComingSoonPage</name>
    <message>
        <source>Coming soon.</source>
        <translation>Demnächst.</translation>
    </message>
</context>
<context>
    <name>benchtop::widgets::InventoryView</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Inventar</translation>
    </message>
    <message>
        <source>the location list</source>
        <translation>die Liste der Lagerorte</translation>
    </message>
    <message>
        <source>Could not load %1. %2</source>
        <translation>%1 konnte nicht geladen werden. %2</translation>
    </message>
    <message numerus="yes">
        <source>Could not load %1 and %n more place(s). %2</source>
        <translation>
            <numerusform>%1 und %n weiterer Ort konnten nicht geladen werden. %2</numerusform>
            <numerusform>%1 und %n weitere Orte konnten nicht geladen werden. %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Benchtop: a desktop client for Benchling and Benchtop lab servers.
With no --server, it runs its own lab server with demo data.</source>
        <translation>Benchtop: ein Desktop-Client für Benchling und Benchtop-Laborserver.
Ohne --server startet es einen eigenen Laborserver mit Demodaten.</translation>
    </message>
    <message>
        <source>Benchling tenant or team lab server URL (the API key comes from the BENCHTOP_API_KEY environment variable).</source>
        <translation>URL des Benchling-Mandanten oder Team-Laborservers (der API-Schlüssel kommt aus der Umgebungsvariablen BENCHTOP_API_KEY).</translation>
    </message>
    <message>
        <source>Folder for the embedded lab server&apos;s data.</source>
        <translation>Ordner für die Daten des eingebauten Laborservers.</translation>
    </message>
    <message>
        <source>Save a picture of the loaded main window and exit.</source>
        <translation>Ein Bild des geladenen Hauptfensters speichern und beenden.</translation>
    </message>
    <message>
        <source>Benchtop</source>
        <translation>Benchtop</translation>
    </message>
</context>
</TS>
