<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>CheckLayersAlgorithm</name>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="32" />
        <source>Check layers</source>
        <translation>Layer prüfen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="35" />
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="41" />
        <source>Checks that layers can be used for the ISRP analyses: the layer is valid, its CRS is the expected projected CRS, and its geometries are valid and not empty.

Output table, one row per layer: layer (name), source, valid (1/0), features (count), crs (authority id), geometry (type), invalid_geom (number of invalid geometries), empty_geom (number of empty or missing geometries), problems (a readable summary, empty when everything is fine).</source>
        <translation>Prüft, ob Layer für die ISRP-Analysen taugen: Der Layer ist gültig, sein KBS ist das erwartete projizierte KBS, und seine Geometrien sind gültig und nicht leer.

Ausgabetabelle, eine Zeile je Layer: layer (Name), source (Quelle), valid (1/0), features (Anzahl), crs (Kennung), geometry (Typ), invalid_geom (Anzahl ungültiger Geometrien), empty_geom (Anzahl leerer oder fehlender Geometrien), problems (lesbare Zusammenfassung, leer wenn alles in Ordnung ist).</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="51" />
        <source>Layers</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="54" />
        <source>Expected CRS</source>
        <translation>Erwartetes KBS</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="59" />
        <source>Layer check</source>
        <translation>Layerprüfung</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="60" />
        <source>Layers with problems</source>
        <translation>Layer mit Problemen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="96" />
        <source>layer is not valid (source missing or unreadable)</source>
        <translation>Layer ist ungültig (Quelle fehlt oder ist nicht lesbar)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="99" />
        <source>CRS is {0}, expected {1}</source>
        <translation>KBS ist {0}, erwartet {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="115" />
        <source>{0} invalid geometries</source>
        <translation>{0} ungültige Geometrien</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="117" />
        <source>{0} empty geometries</source>
        <translation>{0} leere Geometrien</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="119" />
        <source>feature ids: {0}</source>
        <translation>Objekt-IDs: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="121" />
        <source>table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="124" />
        <source>Layer “{0}”: {1}</source>
        <translation>Layer „{0}“: {1}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/alg_check_layers.py" line="126" />
        <source>Layer “{0}”: {1} features, {2}, OK</source>
        <translation>Layer „{0}“: {1} Objekte, {2}, in Ordnung</translation>
    </message>
</context>
<context>
    <name>IsrpOptionsFactory</name>
    <message>
        <location filename="../isrp_plugin/gui/options_page.py" line="57" />
        <source>ISRP</source>
        <translation>ISRP</translation>
    </message>
</context>
<context>
    <name>IsrpOptionsPage</name>
    <message>
        <location filename="../resources/ui/options_page.ui" line="6" />
        <source>ISRP</source>
        <translation>ISRP</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="10" />
        <source>Statistical confidentiality</source>
        <translation>Statistische Geheimhaltung</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="12" />
        <source>Suppress counts below</source>
        <translation>Fallzahlen unterdrücken unter</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="13" />
        <source>Counts from 1 up to this value minus one are shown as “.” in everything that leaves the machine (default 3; some offices use 5).</source>
        <translation>Fallzahlen von 1 bis zu diesem Wert minus eins werden in allem, was den Rechner verlässt, als „.“ dargestellt (Standard 3; manche Ämter verwenden 5).</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="14" />
        <source>Minimum population of a unit</source>
        <translation>Mindestbevölkerung einer Raumeinheit</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="15" />
        <source>Units with fewer inhabitants get no social-index class and are flagged on maps (default 300).</source>
        <translation>Raumeinheiten mit weniger Einwohnern erhalten keine Sozialindex-Klasse und werden in Karten markiert (Standard 300).</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="21" />
        <source>Network analysis</source>
        <translation>Netzwerkanalyse</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="23" />
        <source>Walking speed (km/h)</source>
        <translation>Gehgeschwindigkeit (km/h)</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="25" />
        <source>Cycling speed (km/h)</source>
        <translation>Radfahrgeschwindigkeit (km/h)</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="27" />
        <source>Snapping tolerance (m)</source>
        <translation>Fangtoleranz (m)</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="28" />
        <source>Line vertices closer than this become one network node (0 = only identical coordinates).</source>
        <translation>Linienstützpunkte, die näher beieinander liegen, werden zu einem Netzknoten (0 = nur identische Koordinaten).</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="29" />
        <source>Maximum access distance (m)</source>
        <translation>Maximale Zugangsentfernung (m)</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="30" />
        <source>Points farther than this from the network are reported as “not connected”.</source>
        <translation>Punkte, die weiter vom Netz entfernt liegen, werden als „nicht angebunden“ gemeldet.</translation>
    </message>
    <message>
        <location filename="../resources/ui/options_page.ui" line="35" />
        <source>Write debug messages to the ISRP log</source>
        <translation>Debug-Meldungen in das ISRP-Protokoll schreiben</translation>
    </message>
</context>
<context>
    <name>IsrpPlugin</name>
    <message>
        <location filename="../isrp_plugin/plugin.py" line="103" />
        <source>Open Erfurt sample project</source>
        <translation>Erfurter Beispielprojekt öffnen</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/plugin.py" line="103" />
        <source>Opens a copy of the bundled Erfurt sample project (districts, facilities, demand, network, atlas)</source>
        <translation>Öffnet eine Kopie des mitgelieferten Erfurter Beispielprojekts (Ortsteile, Einrichtungen, Nachfrage, Straßennetz, Atlas)</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/plugin.py" line="110" />
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/plugin.py" line="111" />
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/plugin.py" line="154" />
        <source>The sample project is missing from the plugin folder: {0}</source>
        <translation>Das Beispielprojekt fehlt im Plugin-Ordner: {0}</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/plugin.py" line="167" />
        <source>The sample project could not be opened.</source>
        <translation>Das Beispielprojekt konnte nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>IsrpProvider</name>
    <message>
        <location filename="../isrp_plugin/processing/provider.py" line="22" />
        <source>ISRP</source>
        <translation>ISRP</translation>
    </message>
    <message>
        <location filename="../isrp_plugin/processing/provider.py" line="25" />
        <source>ISRP – social-space planning</source>
        <translation>ISRP – Sozialraumplanung</translation>
    </message>
</context>
</TS>