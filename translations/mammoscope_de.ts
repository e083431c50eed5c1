<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/synthesis/SynthesisSession.cpp" line="+14"/>
        <source>Place lesion</source>
        <translation>Läsion platzieren</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Remove lesion</source>
        <translation>Läsion entfernen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Move lesion</source>
        <translation>Läsion verschieben</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Blending method</source>
        <translation>Überblendungsmethode</translation>
    </message>
</context>
<context>
    <name>mammo::app::AboutDialog</name>
    <message>
        <location filename="../app/AboutDialog.cpp" line="+37"/>
        <source>About Mammoscope</source>
        <translation>Über Mammoscope</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;h2&gt;Mammoscope %1&lt;/h2&gt;&lt;p&gt;Mammography viewer with an AI assistant.&lt;/p&gt;&lt;p&gt;&lt;b&gt;The assistant&apos;s marks are decision support, not a diagnosis.&lt;/b&gt; Mammoscope is research software and is not a certified medical device.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Mammoscope %1&lt;/h2&gt;&lt;p&gt;Mammographie-Viewer mit KI-Assistent.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Die Markierungen des Assistenten sind Entscheidungsunterstützung, keine Diagnose.&lt;/b&gt; Mammoscope ist Forschungssoftware und kein zertifiziertes Medizinprodukt.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;p&gt;Mammoscope is free software under the GNU General Public License, version 3 or later.&lt;/p&gt;&lt;p&gt;It is built on:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Qt %1&lt;/b&gt; — GNU LGPL v3&lt;/li&gt;&lt;li&gt;&lt;b&gt;VTK&lt;/b&gt; — BSD 3-Clause&lt;/li&gt;&lt;li&gt;&lt;b&gt;DCMTK&lt;/b&gt; (OFFIS) — BSD 3-Clause&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenCV&lt;/b&gt; — Apache 2.0&lt;/li&gt;&lt;li&gt;&lt;b&gt;LibTorch&lt;/b&gt; (PyTorch) — BSD 3-Clause&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;Mammoscope ist freie Software unter der GNU General Public License, Version 3 oder später.&lt;/p&gt;&lt;p&gt;Es basiert auf:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Qt %1&lt;/b&gt; — GNU LGPL v3&lt;/li&gt;&lt;li&gt;&lt;b&gt;VTK&lt;/b&gt; — BSD 3-Clause&lt;/li&gt;&lt;li&gt;&lt;b&gt;DCMTK&lt;/b&gt; (OFFIS) — BSD 3-Clause&lt;/li&gt;&lt;li&gt;&lt;b&gt;OpenCV&lt;/b&gt; — Apache 2.0&lt;/li&gt;&lt;li&gt;&lt;b&gt;LibTorch&lt;/b&gt; (PyTorch) — BSD 3-Clause&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Licences</source>
        <translation>Lizenzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The demo study is converted from the mini-MIAS database. Please cite: J Suckling et al (1994) &quot;The Mammographic Image Analysis Society Digital Mammogram Database&quot;, Exerpta Medica, International Congress Series 1069, pp 375–378.

</source>
        <translation>Die Demo-Studie wurde aus der mini-MIAS-Datenbank konvertiert. Bitte zitieren Sie: J Suckling et al. (1994) „The Mammographic Image Analysis Society Digital Mammogram Database“, Exerpta Medica, International Congress Series 1069, S. 375–378.

</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>mini-MIAS</source>
        <translation>mini-MIAS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPL</source>
        <translation>GPL</translation>
    </message>
</context>
<context>
    <name>mammo::app::AiWorker</name>
    <message>
        <location filename="../app/AiWorker.cpp" line="+202"/>
        <location line="+54"/>
        <source>no image to analyse</source>
        <translation>kein Bild zum Analysieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>mass</source>
        <translation>Herdbefund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mass (spacing unknown, %1 mm assumed)</source>
        <translation>Herdbefund (Pixelabstand unbekannt, %1 mm angenommen)</translation>
    </message>
    <message>
        <location line="-183"/>
        <source>image processing failed: %1</source>
        <translation>Bildverarbeitung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not enough memory for the analysis</source>
        <translation>nicht genug Speicher für die Analyse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the analysis failed: %1</source>
        <translation>die Analyse ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the analysis failed for an unknown reason</source>
        <translation>die Analyse ist aus unbekanntem Grund fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+195"/>
        <source>No P(malignant) estimates for an image: %1</source>
        <translation>Keine P(maligne)-Schätzungen für ein Bild: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>AI model missing: %1. The viewer works as usual without it.</source>
        <translation>KI-Modell fehlt: %1. Der Viewer funktioniert ohne es wie gewohnt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 on %2; P(malignant): %3 on %4</source>
        <translation>%1 auf %2; P(maligne): %3 auf %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 on %2; no P(malignant) estimates</source>
        <translation>%1 auf %2; keine P(maligne)-Schätzungen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No P(malignant) estimates: %1. Detection works without them.</source>
        <translation>Keine P(maligne)-Schätzungen: %1. Die Detektion funktioniert auch ohne sie.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No P(malignant) estimates: the AI model &quot;%1&quot; cannot be loaded: %2</source>
        <translation>Keine P(maligne)-Schätzungen: Das KI-Modell „%1“ kann nicht geladen werden: %2</translation>
    </message>
    <message>
        <location line="-266"/>
        <source>no manifest.json in %1</source>
        <translation>keine manifest.json in %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 lists no model &quot;%2&quot;</source>
        <translation>%1 enthält kein Modell „%2“</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the file %1 does not exist</source>
        <translation>die Datei %1 existiert nicht</translation>
    </message>
    <message>
        <location line="+234"/>
        <source>The AI model &quot;%1&quot; cannot be loaded: %2</source>
        <translation>Das KI-Modell „%1“ kann nicht geladen werden: %2</translation>
    </message>
</context>
<context>
    <name>mammo::app::CadResultsExporter</name>
    <message>
        <location filename="../app/CadResultsExporter.cpp" line="+27"/>
        <source>An export is still being written.</source>
        <translation>Ein Export wird noch geschrieben.</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>Wrote a CAD SR with %n finding(s)</source>
        <translation>
            <numerusform>CAD-Befundbericht (SR) geschrieben, mit %n Befundvorschlag</numerusform>
            <numerusform>CAD-Befundbericht (SR) geschrieben, mit %n Befundvorschlägen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> and %n SEG object(s)</source>
        <translation>
            <numerusform> und %n SEG-Objekt</numerusform>
            <numerusform> und %n SEG-Objekten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>; %n region(s) you drew are not CAD output and were left out</source>
        <translation>
            <numerusform>; %n von Ihnen gezeichnete Region ist keine CAD-Ausgabe und wurde weggelassen</numerusform>
            <numerusform>; %n von Ihnen gezeichnete Regionen sind keine CAD-Ausgabe und wurden weggelassen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mammo::app::FindingsPanel</name>
    <message>
        <location filename="../app/FindingsPanel.cpp" line="+21"/>
        <source>%1 × %2 px</source>
        <translation>%1 × %2 px</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%L1 × %L2 mm</source>
        <translation>%L1 × %L2 mm</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Score threshold: marks below it are hidden</source>
        <translation>Score-Schwelle: Markierungen darunter werden ausgeblendet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>View</source>
        <translation>Projektion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>P(malignant)</source>
        <translation>P(maligne)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Probability that the mass is malignant, estimated by the benign/malignant classifier (COIN); decision support, not a diagnosis. — : no estimate.</source>
        <translation>Wahrscheinlichkeit, dass der Herdbefund maligne ist, geschätzt vom Benigne/maligne-Klassifikator (COIN); Entscheidungsunterstützung, keine Diagnose. — : keine Schätzung.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Decision support only — not a diagnosis. Marks are computer-aided detections, and P(malignant) a computer-aided estimate, for review by a radiologist.</source>
        <translation>Nur Entscheidungsunterstützung, keine Diagnose. Die Markierungen sind computergestützte Detektionen und P(maligne) eine computergestützte Schätzung, zur Prüfung durch eine Radiologin oder einen Radiologen.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>drawn region</source>
        <translation>gezeichnete Region</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>≈ %L1 false positives per image</source>
        <translation>≈ %L1 falsch-positive pro Bild</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FPPI unknown</source>
        <translation>FPPI unbekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score ≥ %L1 (%2)</source>
        <translation>Score ≥ %L1 (%2)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>mammo::app::LesionLibraryController</name>
    <message>
        <location filename="../app/synthesis/LesionLibraryController.cpp" line="+56"/>
        <source>Your lesion library cannot be read (%1); the bundled lesions are available.</source>
        <translation>Ihre Läsionsbibliothek kann nicht gelesen werden (%1); die mitgelieferten Läsionen stehen zur Verfügung.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The lesion library cannot be loaded: %1</source>
        <translation>Die Läsionsbibliothek kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lesion image</source>
        <translation>Läsionsbild</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+4"/>
        <source>Images (*.png *.pgm *.tif *.tiff)</source>
        <translation>Bilder (*.png *.pgm *.tif *.tiff)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Lesion mask (non-zero on the lesion)</source>
        <translation>Läsionsmaske (ungleich null auf der Läsion)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot import the lesion: %1</source>
        <translation>Die Läsion kann nicht importiert werden: %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cannot cut the lesion: %1</source>
        <translation>Die Läsion kann nicht ausgeschnitten werden: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Added %1 to your lesion library.</source>
        <translation>%1 wurde Ihrer Läsionsbibliothek hinzugefügt.</translation>
    </message>
</context>
<context>
    <name>mammo::app::MainWindow</name>
    <message>
        <location filename="../app/MainWindow.cpp" line="+50"/>
        <source>(no name)</source>
        <translation>(ohne Namen)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Mammoscope</source>
        <translation>Mammoscope</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Layout 1×1</source>
        <translation>Layout 1×1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layout 1×2</source>
        <translation>Layout 1×2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layout 2×2</source>
        <translation>Layout 2×2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare with prior</source>
        <translation>Mit Voruntersuchung vergleichen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Link zoom across views</source>
        <translation>Zoom aller Ansichten koppeln</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Magnifier</source>
        <translation>Lupe</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Distance ruler</source>
        <translation>Abstandsmessung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Show findings</source>
        <translation>Befundvorschläge anzeigen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open File…</source>
        <translation>&amp;Datei öffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open &amp;Folder…</source>
        <translation>&amp;Ordner öffnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Query &amp;PACS…</source>
        <translation>&amp;PACS abfragen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Next page</source>
        <translation>Nächste Seite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous page</source>
        <translation>Vorherige Seite</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit to view</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1:1 pixels</source>
        <translation>Pixel 1:1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>True size (mm)</source>
        <translation>Echtgröße (mm)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reset window/level</source>
        <translation>Fensterung zurücksetzen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next window preset</source>
        <translation>Nächste Fenstervorgabe</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Assistant</source>
        <translation>A&amp;ssistent</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save results as DICOM (CAD SR + SEG)…</source>
        <translation>Ergebnisse als DICOM speichern (CAD-SR + SEG)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send results to PACS</source>
        <translation>Ergebnisse an das PACS senden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tools</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+682"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="-681"/>
        <source>&amp;About Mammoscope</source>
        <translation>Ü&amp;ber Mammoscope</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Patient / study / series</source>
        <translation>Patient / Studie / Serie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Studies</source>
        <translation>Studien</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Open DICOM files</source>
        <translation>DICOM-Dateien öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DICOM files (*.dcm *.DCM DICOMDIR *);;All files (*)</source>
        <translation>DICOM-Dateien (*.dcm *.DCM DICOMDIR *);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open DICOM folder</source>
        <translation>DICOM-Ordner öffnen</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Reading %n item(s)…</source>
        <translation>
            <numerusform>%n Eintrag wird gelesen…</numerusform>
            <numerusform>%n Einträge werden gelesen…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%n image(s) found</source>
        <translation>
            <numerusform>%n Bild gefunden</numerusform>
            <numerusform>%n Bilder gefunden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No images found</source>
        <translation>Keine Bilder gefunden</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Current over prior (%1), one page per view</source>
        <translation>Aktuelle Studie oben, Voruntersuchung (%1) unten, eine Seite pro Projektion</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+104"/>
        <source>No earlier mammography study of this patient is open</source>
        <translation>Keine frühere Mammographie-Studie dieses Patienten geöffnet</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Mammoscope — %1</source>
        <translation>Mammoscope — %1</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>%n mark(s) read from CAD structured reports</source>
        <translation>
            <numerusform>%n Markierung aus CAD-Befundberichten (SR) gelesen</numerusform>
            <numerusform>%n Markierungen aus CAD-Befundberichten (SR) gelesen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No assistant results to save: analyse the study first</source>
        <translation>Keine Ergebnisse des Assistenten zum Speichern: Analysieren Sie zuerst die Studie</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Saving the results failed: %1</source>
        <translation>Speichern der Ergebnisse fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Folder for the CAD SR and SEG files</source>
        <translation>Ordner für die CAD-SR- und SEG-Dateien</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Sending the results to the PACS failed: %1</source>
        <translation>Senden der Ergebnisse an das PACS fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Current study over the prior of %1</source>
        <translation>Aktuelle Studie oben, Voruntersuchung vom %1 unten</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>image %1</source>
        <translation>Bild %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Page %1/%2</source>
        <translation>Seite %1/%2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Analyse studies when opened</source>
        <translation>Studien beim Öffnen analysieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Analyse now</source>
        <translation>Jetzt analysieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+35"/>
        <source>Cancel analysis</source>
        <translation>Analyse abbrechen</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Classify region</source>
        <translation>Region klassifizieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Drag a rectangle around a mass to estimate P(malignant) (decision support, not a diagnosis)</source>
        <translation>Ein Rechteck um einen Herdbefund ziehen, um P(maligne) zu schätzen (Entscheidungsunterstützung, keine Diagnose)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear drawn regions</source>
        <translation>Gezeichnete Regionen löschen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No analysis yet.</source>
        <translation>Noch keine Analyse.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Findings</source>
        <translation>Befundvorschläge</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Synthetic cases</source>
        <translation>Synthetische Fälle</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Edit synthetic lesions</source>
        <translation>Synthetische Läsionen bearbeiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move, scale and rotate the lesions of a synthetic case (E)</source>
        <translation>Läsionen eines synthetischen Falls verschieben, skalieren und drehen (E)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cut lesion from image</source>
        <translation>Läsion aus Bild ausschneiden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag a rectangle around a lesion on an open image to add it to your lesion library</source>
        <translation>Ein Rechteck um eine Läsion in einem geöffneten Bild ziehen, um sie Ihrer Läsionsbibliothek hinzuzufügen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No loaded images to analyse</source>
        <translation>Keine geladenen Bilder zum Analysieren</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Analysis cancelled.</source>
        <translation>Analyse abgebrochen.</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+120"/>
        <source>Assistant: %1</source>
        <translation>Assistent: %1</translation>
    </message>
    <message numerus="yes">
        <location line="-103"/>
        <source>Analysis finished: %n mark(s) found; the threshold decides which are shown.</source>
        <translation>
            <numerusform>Analyse abgeschlossen: %n Markierung gefunden; die Schwelle entscheidet, welche angezeigt werden.</numerusform>
            <numerusform>Analyse abgeschlossen: %n Markierungen gefunden; die Schwelle entscheidet, welche angezeigt werden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Analysing %1/%2</source>
        <translation>Analyse %1/%2</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The image is not loaded yet; draw the region again in a moment.</source>
        <translation>Das Bild ist noch nicht geladen; zeichnen Sie die Region gleich noch einmal.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This view shows a SYNTHETIC preview: show the original (B) to classify or cut a lesion on the acquired image.</source>
        <translation>Diese Ansicht zeigt eine SYNTHETISCHE Vorschau: Zeigen Sie das Original (B), um auf dem aufgenommenen Bild zu klassifizieren oder eine Läsion auszuschneiden.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Classifying the drawn region…</source>
        <translation>Die gezeichnete Region wird klassifiziert…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>drawn region</source>
        <translation>gezeichnete Region</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Drawn region: P(malignant) %L1 (decision support, not a diagnosis)</source>
        <translation>Gezeichnete Region: P(maligne) %L1 (Entscheidungsunterstützung, keine Diagnose)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The drawn region cannot be classified: %1</source>
        <translation>Die gezeichnete Region kann nicht klassifiziert werden: %1</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Right drag&lt;/b&gt;&lt;/td&gt;&lt;td&gt;window / level&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Left drag&lt;/b&gt;&lt;/td&gt;&lt;td&gt;pan (ruler: measure; classify region: draw a region)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Wheel&lt;/b&gt;&lt;/td&gt;&lt;td&gt;zoom about the cursor&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ctrl+wheel, PgUp/PgDn&lt;/b&gt;&lt;/td&gt;&lt;td&gt;frames of a multi-frame image&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Double click, F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;fit to view&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;0 / T&lt;/b&gt;&lt;/td&gt;&lt;td&gt;1:1 pixels / true size&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;1 / 2 / 4&lt;/b&gt;&lt;/td&gt;&lt;td&gt;layout 1×1 / 1×2 / 2×2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;N / P&lt;/b&gt;&lt;/td&gt;&lt;td&gt;next / previous page&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;R / W&lt;/b&gt;&lt;/td&gt;&lt;td&gt;reset window / next preset&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;G&lt;/b&gt;&lt;/td&gt;&lt;td&gt;magnifier&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;M&lt;/b&gt;&lt;/td&gt;&lt;td&gt;distance ruler (Esc clears)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;C&lt;/b&gt;&lt;/td&gt;&lt;td&gt;classify region: P(malignant) of a drawn region&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;link zoom across views&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;show findings&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
        <translation>&lt;table&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ziehen mit rechter Maustaste&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Fensterung (W/L)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Ziehen mit linker Maustaste&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Verschieben (Abstandsmessung: messen; Region klassifizieren: Region zeichnen)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Mausrad&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Zoomen um den Mauszeiger&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Strg+Mausrad, Bild↑/Bild↓&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Frames eines Multiframe-Bildes&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;Doppelklick, F&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Einpassen&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;0 / T&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Pixel 1:1 / Echtgröße&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;1 / 2 / 4&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Layout 1×1 / 1×2 / 2×2&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;N / P&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Nächste / vorherige Seite&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;R / W&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Fensterung zurücksetzen / nächste Vorgabe&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;G&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Lupe&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;M&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Abstandsmessung (Esc löscht)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;C&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Region klassifizieren: P(maligne) einer gezeichneten Region&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;L&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Zoom aller Ansichten koppeln&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;b&gt;O&lt;/b&gt;&lt;/td&gt;&lt;td&gt;Befundvorschläge anzeigen&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
</context>
<context>
    <name>mammo::app::PacsDialog</name>
    <message>
        <location filename="../app/pacs/PacsDialog.cpp" line="+41"/>
        <source>Query PACS</source>
        <translation>PACS abfragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PACS</source>
        <translation>PACS</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. SMITH^* (wildcards * and ?)</source>
        <translation>z. B. MEIER^* (Platzhalter * und ?)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Study date from</source>
        <translation>Studiendatum von</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Patient name</source>
        <translation>Patientenname</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Patient ID</source>
        <translation>Patienten-ID</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Modality</source>
        <translation>Modalität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Study date</source>
        <translation>Studiendatum</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Modalities</source>
        <translation>Modalitäten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Also retrieve the most recent prior MG study</source>
        <translation>Zusätzlich die jüngste MG-Voruntersuchung abrufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retrieve and open</source>
        <translation>Abrufen und öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Connection works: %1 answered C-ECHO.</source>
        <translation>Verbindung funktioniert: %1 hat auf C-ECHO geantwortet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2 done, %3 to go, %4 failed</source>
        <translation>%1: %2 übertragen, %3 ausstehend, %4 fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Stored %n object(s) on the PACS.</source>
        <translation>
            <numerusform>%n Objekt im PACS gespeichert.</numerusform>
            <numerusform>%n Objekte im PACS gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The PACS refused %n object(s): </source>
        <translation>
            <numerusform>Das PACS hat %n Objekt abgelehnt: </numerusform>
            <numerusform>Das PACS hat %n Objekte abgelehnt: </numerusform>
        </translation>
    </message>
    <message>
        <location line="+58"/>
        <source>No PACS is configured: add one under Settings…</source>
        <translation>Kein PACS konfiguriert: Fügen Sie unter „Einstellungen…“ eines hinzu.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Testing the connection…</source>
        <translation>Verbindung wird getestet…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n study(ies) found.</source>
        <translation>
            <numerusform>%n Studie gefunden.</numerusform>
            <numerusform>%n Studien gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Retrieving…</source>
        <translation>Wird abgerufen…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No PACS is configured: add one under File → Query PACS → Settings…</source>
        <translation>Kein PACS konfiguriert: Fügen Sie unter Datei → PACS abfragen → Einstellungen… eines hinzu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PACS connection is busy; try again when it is done.</source>
        <translation>Die PACS-Verbindung ist belegt; versuchen Sie es erneut, wenn sie wieder frei ist.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Sending %n object(s) to the PACS…</source>
        <translation>
            <numerusform>%n Objekt wird an das PACS gesendet…</numerusform>
            <numerusform>%n Objekte werden an das PACS gesendet…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>mammo::app::PacsSettingsDialog</name>
    <message>
        <location filename="../app/pacs/PacsSettingsDialog.cpp" line="+22"/>
        <location line="+153"/>
        <source>PACS settings</source>
        <translation>PACS-Einstellungen</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Use TLS</source>
        <translation>TLS verwenden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Called AE title</source>
        <translation>AE-Titel des PACS (Called AE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Our AE title</source>
        <translation>Eigener AE-Titel (Calling AE)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CA certificate (PEM)</source>
        <translation>CA-Zertifikat (PEM)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Our certificate (PEM)</source>
        <translation>Eigenes Zertifikat (PEM)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Our private key (PEM)</source>
        <translation>Eigener privater Schlüssel (PEM)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>C-GET (into the folder below)</source>
        <translation>C-GET (in den Ordner unten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C-MOVE (to our storage SCP)</source>
        <translation>C-MOVE (an den eigenen Storage-SCP)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Retrieve by</source>
        <translation>Abruf per</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage SCP AE title</source>
        <translation>AE-Titel des Storage-SCP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Storage SCP port</source>
        <translation>Port des Storage-SCP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retrieved studies folder</source>
        <translation>Ordner für abgerufene Studien</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>New PACS</source>
        <translation>Neues PACS</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>storage SCP AE title</source>
        <translation>AE-Titel des Storage-SCP</translation>
    </message>
</context>
<context>
    <name>mammo::app::PacsWorker</name>
    <message>
        <location filename="../app/pacs/PacsWorker.cpp" line="+77"/>
        <source>%2: the PACS could not send any of the %1 instances.</source>
        <translation>%2: Das PACS konnte keine der %1 Instanzen senden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No PACS is configured.</source>
        <translation>Kein PACS konfiguriert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot create the folder %1 for retrieved studies.</source>
        <translation>Der Ordner %1 für abgerufene Studien kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Retrieving the current study</source>
        <translation>Abruf der aktuellen Studie</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Retrieving the prior study</source>
        <translation>Abruf der Voruntersuchung</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Sending to the PACS</source>
        <translation>Senden an das PACS</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Retrieve cancelled.</source>
        <translation>Abruf abgebrochen.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Retrieved %n instance(s)</source>
        <translation>
            <numerusform>%n Instanz abgerufen</numerusform>
            <numerusform>%n Instanzen abgerufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>, and the prior of %1 (%n instance(s))</source>
        <translation>
            <numerusform>, dazu die Voruntersuchung vom %1 (%n Instanz)</numerusform>
            <numerusform>, dazu die Voruntersuchung vom %1 (%n Instanzen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>; the PACS holds no earlier MG study of this patient</source>
        <translation>; das PACS enthält keine frühere MG-Studie dieses Patienten</translation>
    </message>
</context>
<context>
    <name>mammo::app::StudyLoader</name>
    <message>
        <location filename="../app/StudyLoader.cpp" line="+80"/>
        <source>%1: not enough memory to decode the image</source>
        <translation>%1: Nicht genügend Arbeitsspeicher, um das Bild zu dekodieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>mammo::app::SyntheticCaseController</name>
    <message>
        <location filename="../app/synthesis/SyntheticCaseController.cpp" line="+71"/>
        <source>Not saved: %1</source>
        <translation>Nicht gespeichert: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved the SYNTHETIC case %1 with its lesion masks (%2)%3.</source>
        <translation>SYNTHETISCHER Fall %1 mit seinen Läsionsmasken (%2)%3 gespeichert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> and training case %1</source>
        <translation> und Trainingsfall %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot place %1: the lesion or the image is not available.</source>
        <translation>%1 kann nicht platziert werden: Läsion oder Bild nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>BAN is not available (%1): choose Poisson or paste.</source>
        <translation>BAN ist nicht verfügbar (%1): Wählen Sie Poisson oder Einfügen.</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%1: %2 ms for %n lesion(s). SYNTHETIC preview, not a patient image.</source>
        <translation>
            <numerusform>%1: %2 ms für %n Läsion. SYNTHETISCHE Vorschau, kein Patientenbild.</numerusform>
            <numerusform>%1: %2 ms für %n Läsionen. SYNTHETISCHE Vorschau, kein Patientenbild.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BAN</source>
        <translation>BAN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Poisson</source>
        <translation>Poisson</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Blending by %1 failed: %2</source>
        <translation>Überblenden mit %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Discard the synthetic case</source>
        <translation>Synthetischen Fall verwerfen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Discard this synthetic case? Its %n lesion(s), their undo history and the autosaved copy are deleted.</source>
        <translation>
            <numerusform>Diesen synthetischen Fall verwerfen? Seine %n Läsion, ihr Rückgängig-Verlauf und die automatisch gesicherte Kopie werden gelöscht.</numerusform>
            <numerusform>Diesen synthetischen Fall verwerfen? Seine %n Läsionen, ihr Rückgängig-Verlauf und die automatisch gesicherte Kopie werden gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The synthetic case was discarded.</source>
        <translation>Der synthetische Fall wurde verworfen.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Work in progress cannot be autosaved to %1</source>
        <translation>Die laufende Arbeit kann nicht automatisch in %1 gesichert werden</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Restored the unsaved synthetic case of this image (autosaved %1).</source>
        <translation>Der nicht gespeicherte synthetische Fall dieses Bildes wurde wiederhergestellt (automatisch gesichert %1).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save the synthetic case into</source>
        <translation>Synthetischen Fall speichern in</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A save is still running; save again when it has finished.</source>
        <translation>Es wird noch gespeichert; speichern Sie erneut, wenn dies abgeschlossen ist.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not saved: the lesion library is not loaded.</source>
        <translation>Nicht gespeichert: Die Läsionsbibliothek ist nicht geladen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saving the synthetic case…</source>
        <translation>Synthetischer Fall wird gespeichert…</translation>
    </message>
</context>
<context>
    <name>mammo::app::SyntheticCasePanel</name>
    <message>
        <location filename="../app/synthesis/SyntheticCasePanel.cpp" line="+53"/>
        <source>Drag a lesion onto a normal image, then move it, scale it (square) or rotate it (knob); arrow keys, + − and [ ] edit the selected lesion. Cases made here are SYNTHETIC, for training only.</source>
        <translation>Ziehen Sie eine Läsion auf ein Normalbild, dann verschieben, skalieren (Quadrat) oder drehen (Knopf) Sie sie; Pfeiltasten, + − und [ ] bearbeiten die ausgewählte Läsion. Hier erstellte Fälle sind SYNTHETISCH, nur für das Training.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Blending:</source>
        <translation>Überblendung:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>BAN (blending network)</source>
        <translation>BAN (Überblendungsnetz)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poisson (mixed gradients)</source>
        <translation>Poisson (gemischte Gradienten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste (no blending)</source>
        <translation>Einfügen (ohne Überblendung)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Show original</source>
        <translation>Original zeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare the composite with the normal image it was made from (B)</source>
        <translation>Das Komposit mit dem Normalbild vergleichen, aus dem es entstand (B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove lesion</source>
        <translation>Läsion entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected lesion (Delete in the view)</source>
        <translation>Die ausgewählte Läsion entfernen (Entf in der Ansicht)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Import lesion…</source>
        <translation>Läsion importieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a lesion from an image file and its mask file</source>
        <translation>Eine Läsion aus einer Bilddatei und ihrer Maskendatei hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cut lesion</source>
        <translation>Läsion ausschneiden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drag a rectangle around a lesion on an open image to add it to your lesion library</source>
        <translation>Ein Rechteck um eine Läsion in einem geöffneten Bild ziehen, um sie Ihrer Läsionsbibliothek hinzuzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save synthetic case…</source>
        <translation>Synthetischen Fall speichern…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>%1 (%2), from %3: drag onto a normal image</source>
        <translation>%1 (%2), aus %3: auf ein Normalbild ziehen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>%n lesion(s) placed.</source>
        <translation>
            <numerusform>%n Läsion platziert.</numerusform>
            <numerusform>%n Läsionen platziert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No case in progress.</source>
        <translation>Kein Fall in Bearbeitung.</translation>
    </message>
</context>
<context>
    <name>mammo::widgets::HangingView</name>
    <message>
        <location filename="../widgets/HangingView.cpp" line="+167"/>
        <source>No current image of this view</source>
        <translation>Kein aktuelles Bild dieser Projektion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No prior image of this view</source>
        <translation>Keine Voraufnahme dieser Projektion</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>PRIOR %1</source>
        <translation>VORAUFNAHME %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CURRENT %1</source>
        <translation>AKTUELL %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
<context>
    <name>mammo::widgets::MammoView</name>
    <message>
        <location filename="../widgets/MammoView.cpp" line="+643"/>
        <source>No image</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>drawn region</source>
        <translation>gezeichnete Region</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · P(malignant) %1</source>
        <translation> · P(maligne) %1</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>view unknown</source>
        <translation>Projektion unbekannt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Frame %1/%2</source>
        <translation>Frame %1/%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>VOI LUT %1</source>
        <translation>VOI LUT %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>W %1 L %2</source>
        <translation>W %1 L %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (sigmoid)</source>
        <translation> (SIGMOID)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Zoom %1%</source>
        <translation>Zoom %1 %</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 mm</source>
        <translation>%L1 mm</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (at detector)</source>
        <translation> (am Detektor)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 px (no pixel spacing)</source>
        <translation>%L1 px (Pixelabstand unbekannt)</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>SYNTHETIC IMAGE — not a real patient acquisition</source>
        <translation>SYNTHETISCHES BILD — keine echte Patientenaufnahme</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>FOR PROCESSING — raw detector image, not for diagnosis</source>
        <translation>FOR PROCESSING — Detektor-Rohbild, nicht zur Befundung</translation>
    </message>
</context>
</TS>
