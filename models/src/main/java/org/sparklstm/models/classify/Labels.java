package org.sparklstm.models.classify;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** The classes of a classifier, indexed in sorted order so the same labels always get the same indexes. */
public record Labels(List<String> names) implements Serializable {

    public Labels {
        names = List.copyOf(names);
        if (names.size() < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes; the labels are " + names);
        }
    }

    public static Labels of(Collection<String> seen) {
        return new Labels(List.copyOf(new TreeSet<>(seen)));
    }

    public int size() {
        return names.size();
    }

    /** The index of a label, or -1 if the classifier does not know it. */
    public int index(String label) {
        return names.indexOf(label);
    }

    public String name(int index) {
        return names.get(index);
    }
}
