package io.loginguard.risk.topology;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Passes the records a processor addressed to it on to a repartition, typed: a named hop in the DSL graph. */
final class RouteProcessor<V> implements Processor<String, Object, String, V> {
    private final Class<V> type;
    private ProcessorContext<String, V> context;

    RouteProcessor(Class<V> type) {
        this.type = type;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Object> record) {
        if (type.isInstance(record.value())) {
            context.forward(record.withValue(type.cast(record.value())));
        }
    }
}
