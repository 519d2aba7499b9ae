// Barcode search (issue #5): a search field that tells a barcode scanner from a person. A
// scanner is a keyboard wedge: it types the whole barcode in a fast burst and presses Enter.
// A burst like that (every keystroke within wedgeGapMs of the one before) is a scan and is
// looked up as a barcode at once; anything typed slower is a search by barcode or name.
// The BarcodeSearchBar looks the text up through a BarcodeLookup (a model: the widget sends no
// request itself) and asks, with revealRequested(), that the inventory view show what it found
// (a tube: its box, with the tube selected).
#pragma once

#include "models/inventory/BarcodeLookup.h"

#include <QElapsedTimer>
#include <QLineEdit>

class QLabel;

namespace benchtop::widgets {

class ScannerSearchField : public QLineEdit
{
    Q_OBJECT
public:
    explicit ScannerSearchField(QWidget *parent = nullptr);

    // The longest pause between two keystrokes of a scan (default 40 ms; people type at
    // 100-300 ms a key) and the shortest scan (default 3 characters).
    void setWedgeGapMs(int ms) { m_wedgeGapMs = ms; }
    int wedgeGapMs() const { return m_wedgeGapMs; }
    void setMinimumScanLength(int length) { m_minimumLength = length; }
    // Whether the text now in the field came in one scanner burst.
    bool lastInputWasScan() const;

Q_SIGNALS:
    void scanned(const QString &barcode);
    void searchRequested(const QString &text);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QElapsedTimer m_sinceKey;
    int m_burstLength = 0; // characters typed in the current fast burst
    bool m_burstBroken = true;
    int m_wedgeGapMs = 40;
    int m_minimumLength = 3;
};

class BarcodeSearchBar : public QWidget
{
    Q_OBJECT
public:
    BarcodeSearchBar(models::BarcodeLookup *lookup, QWidget *parent = nullptr);

    ScannerSearchField *field() const { return m_field; }
    QString statusText() const;
    models::BarcodeLookup *lookup() const { return m_lookup; }

Q_SIGNALS:
    // Show this in the inventory: a tube inside its box or plate, a box or plate, a location.
    void revealRequested(const benchtop::models::LookupHit &hit);

private:
    void onFound(const models::LookupHit &hit);

    models::BarcodeLookup *m_lookup;
    ScannerSearchField *m_field;
    QLabel *m_status;
    bool m_fromScan = false;
};

} // namespace benchtop::widgets
