#include "BarcodeSearch.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace benchtop::widgets {

ScannerSearchField::ScannerSearchField(QWidget *parent)
    : QLineEdit(parent)
{
    setPlaceholderText(tr("Scan or type a barcode or name"));
    setClearButtonEnabled(true);
}

bool ScannerSearchField::lastInputWasScan() const
{
    return !m_burstBroken && m_burstLength >= m_minimumLength;
}

void ScannerSearchField::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    const qint64 gap = m_sinceKey.isValid() ? m_sinceKey.elapsed() : -1;
    m_sinceKey.start();
    if (enter) {
        const bool scan = lastInputWasScan() && gap >= 0 && gap <= m_wedgeGapMs;
        // A scan into a field that held text: the burst alone is the barcode.
        if (scan && text().size() > m_burstLength)
            setText(text().right(m_burstLength));
        const QString typed = text().trimmed();
        m_burstLength = 0;
        m_burstBroken = true;
        m_sinceKey.invalidate(); // the next key starts a new burst, however soon it comes
        if (typed.isEmpty())
            return;
        if (scan)
            Q_EMIT scanned(typed);
        else
            Q_EMIT searchRequested(typed);
        return;
    }
    if (!event->text().isEmpty() && event->text().at(0).isPrint()) {
        // A scan starts a fresh burst: it replaces what the field held.
        if (gap < 0 || gap > m_wedgeGapMs) {
            m_burstLength = 0;
            m_burstBroken = false;
        }
        ++m_burstLength;
    } else if (event->key() != Qt::Key_Shift) {
        m_burstBroken = true; // editing keys are a person's
    }
    QLineEdit::keyPressEvent(event);
}

BarcodeSearchBar::BarcodeSearchBar(models::BarcodeLookup *lookup, QWidget *parent)
    : QWidget(parent)
    , m_lookup(lookup)
    , m_field(new ScannerSearchField(this))
    , m_status(new QLabel(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_field, 1);
    layout->addWidget(m_status);
    m_status->setObjectName(u"searchStatus"_s);
    connect(m_field, &ScannerSearchField::scanned, this, [this](const QString &barcode) {
        m_fromScan = true;
        m_status->setText(tr("Looking up %1…").arg(barcode));
        m_lookup->lookup(barcode, models::BarcodeLookup::Mode::BarcodeOnly);
    });
    connect(m_field, &ScannerSearchField::searchRequested, this, [this](const QString &text) {
        m_fromScan = false;
        m_status->setText(tr("Searching for %1…").arg(text));
        m_lookup->lookup(text, models::BarcodeLookup::Mode::BarcodeThenName);
    });
    connect(m_lookup, &models::BarcodeLookup::found, this, &BarcodeSearchBar::onFound);
    connect(m_lookup, &models::BarcodeLookup::notFound, this, [this](const QString &text) {
        m_status->setText(m_fromScan
                              ? tr("No tube, box, plate or location has the barcode %1.").arg(text)
                              : tr("Nothing has the barcode or name %1.").arg(text));
    });
    connect(m_lookup, &models::BarcodeLookup::failed, this,
            [this](const QString &message) { m_status->setText(message); });
}

QString BarcodeSearchBar::statusText() const
{
    return m_status->text();
}

void BarcodeSearchBar::onFound(const models::LookupHit &hit)
{
    const QString name = hit.resource.value(u"name"_s).toString();
    if (hit.kind == u"container"_s) {
        m_status->setText(hit.position.isEmpty() ? tr("Tube %1").arg(name)
                                                 : tr("Tube %1 at %2").arg(name, hit.position));
    } else {
        m_status->setText(name);
    }
    if (m_fromScan)
        m_field->selectAll(); // the next scan replaces this one
    Q_EMIT revealRequested(hit);
}

} // namespace benchtop::widgets
