// One sequence being edited: the record (bases and features), the selection shared by every view
// of it (sequence view, linear and circular maps) and the undo stack. Every change is a
// QUndoCommand (DESIGN §4) that records the region, the old and new bases and the features it
// changed, so undo and redo cost O(features touched), not a copy of the genome.
//
// Selection contract for the views: setSelection(start, end) with 0 <= start <= end <= length
// (end exclusive; start == end is a caret between bases); selectionChanged(start, end) is emitted
// once per change, whoever made it, and never when the value is the same — so two views may
// connect both ways without a loop.
#pragma once

#include "FeatureIndex.h"
#include "FeaturePolicy.h"
#include "bio/Record.h"
#include "bio/Sequence.h"

#include <QObject>
#include <QUndoStack>

namespace benchtop::models {

class SequenceDocument : public QObject
{
    Q_OBJECT
public:
    explicit SequenceDocument(QObject *parent = nullptr);

    // Replaces the record and clears undo (opening, reloading).
    void setRecord(bio::Record record);
    const bio::Record &record() const { return m_record; }
    qint64 length() const { return m_record.sequence.size(); }
    bool isProtein() const { return m_record.kind == bio::MoleculeKind::Protein; }
    bool isCircular() const { return m_record.topology == bio::Topology::Circular; }
    bio::Alphabet alphabet() const;
    QUndoStack *undoStack() { return &m_undo; }
    // Increases with every change of the record (views cache by it).
    quint64 revision() const { return m_revision; }
    bool isModified() const { return !m_undo.isClean(); }

    qint64 selectionStart() const { return m_selStart; }
    qint64 selectionEnd() const { return m_selEnd; }
    bool hasSelection() const { return m_selEnd > m_selStart; }
    QByteArray selectedBases() const
    {
        return m_record.sequence.mid(m_selStart, m_selEnd - m_selStart);
    }

    const FeatureIndex &featureIndex() const;
    InsertInside insertPolicy() const { return m_insertPolicy; }
    void setInsertPolicy(InsertInside policy) { m_insertPolicy = policy; }

    // Edits (each one undo step). Bases are checked against the alphabet (IUPAC; upper-cased);
    // on refusal nothing changes and *error says which character is wrong.
    bool replaceBases(qint64 start, qint64 end, QByteArray bases, QString *error = nullptr,
                      const QList<bio::Feature> &pastedFeatures = {});
    bool insertBases(qint64 at, const QByteArray &bases, QString *error = nullptr)
    {
        return replaceBases(at, at, bases, error);
    }
    void removeBases(qint64 start, qint64 end) { replaceBases(start, end, {}); }
    void addFeature(const bio::Feature &feature);
    void setFeature(qsizetype index, const bio::Feature &feature);
    void removeFeature(qsizetype index);
    void addFeatures(const QList<bio::Feature> &features, const QString &text);
    void reverseComplementAll();
    // Circular sequences only: base `origin` becomes base 0.
    void setOrigin(qint64 origin);
    // The selected region as a record of its own, features clipped to it (for copy).
    bio::Record extract(qint64 start, qint64 end) const;

public Q_SLOTS:
    void setSelection(qint64 start, qint64 end);

Q_SIGNALS:
    void selectionChanged(qint64 start, qint64 end);
    // Bases [position, position + removed) became `inserted` new ones (whole-sequence changes
    // report position 0, removed = old length).
    void basesChanged(qint64 position, qint64 removed, qint64 inserted);
    void featuresChanged();
    // Anything changed (after basesChanged/featuresChanged); also after setRecord.
    void changed();

private:
    friend class BaseEditCommand;
    friend class FeatureEditCommand;
    friend class RecordSwapCommand;
    void touched(bool bases, qint64 position = 0, qint64 removed = 0, qint64 inserted = 0);

    bio::Record m_record;
    QUndoStack m_undo;
    qint64 m_selStart = 0;
    qint64 m_selEnd = 0;
    quint64 m_revision = 0;
    InsertInside m_insertPolicy = InsertInside::Grow;
    mutable FeatureIndex m_index;
    mutable bool m_indexDirty = true;
};

} // namespace benchtop::models
