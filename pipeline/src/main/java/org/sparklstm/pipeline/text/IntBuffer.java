package org.sparklstm.pipeline.text;

import java.util.Arrays;

/** A growable int array, so token streams never box their ids. */
public final class IntBuffer {

    private int[] data = new int[1024];
    private int size;

    public void add(int value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[size++] = value;
    }

    public int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
